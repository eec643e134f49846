// The shape of each of the plan's forms (issue 21 point 4): which fields it sends and how long each may be. A body
// that breaks it never reaches the service (nothing is written) and the form comes back refilled with what was
// typed, the problem named per field in the reader's language (formPost), instead of an error page. What a value
// means (a date in the past, an unknown action code) the services still check; the limits here sit at or above
// theirs, so their more precise messages come first.
import { FormField, formBody, pathParams } from '../../../platform/http/form-schema.js';

export const IdParams = pathParams(['id']);
export const RoundActionParams = pathParams(['id', 'actionId']);

export const RoundOpenBody = formBody({
  name: FormField.text(200),
  deadline: FormField.text(20),
  letter: FormField.text(300),
});

/** An owner's update: status, narrative, the carried-text box, and the indicator rows (repeated fields). */
export const EntryBody = formBody({
  status: FormField.text(40),
  narrative: FormField.text(10_000),
  confirm_narrative: FormField.text(10),
  indicator: FormField.list({ maxItems: 200, maxLength: 64 }),
  period: FormField.list({ maxItems: 200, maxLength: 40 }),
  value: FormField.list({ maxItems: 200, maxLength: 40 }),
});

export const ReviewBody = formBody({
  decision: FormField.text(40),
  note: FormField.text(4000),
});

export const LockBody = formBody({ confirm: FormField.text(10) });

/** A motion or commitment, new or corrected. */
export const CommitmentBody = formBody({
  kind: FormField.text(40),
  number: FormField.text(200),
  title: FormField.text(500),
  made_on: FormField.text(20),
  summary: FormField.text(5000),
  owner: FormField.text(64),
  status: FormField.text(40),
  answered_in: FormField.text(500),
  actions: FormField.text(2000),
});

export const CommitmentUpdateBody = formBody({
  id: FormField.text(64),
  status: FormField.text(40),
  answered_in: FormField.text(500),
});

export const LineBody = formBody({ code: FormField.text(40), title: FormField.text(500) });
export const LineRenameBody = formBody({ line: FormField.text(64), title: FormField.text(500) });

/** A new action, or an action corrected (the same fields). */
export const ActionBody = formBody({
  line: FormField.text(64),
  code: FormField.text(40),
  title: FormField.text(500),
  description: FormField.text(10_000),
  owner: FormField.text(64),
  owner_name: FormField.text(500),
  status: FormField.text(40),
  source: FormField.text(5000),
});

export const MilestoneBody = formBody({
  title: FormField.text(500),
  planned_date: FormField.text(20),
  actual_date: FormField.text(20),
});

export const ReachedBody = formBody({ actual_date: FormField.text(20) });

export const IndicatorBody = formBody({
  name: FormField.text(500),
  unit: FormField.text(100),
  min: FormField.text(40),
  max: FormField.text(40),
});

export const PartnerBody = formBody({
  partner: FormField.text(64),
  partner_name: FormField.text(500),
  holder: FormField.text(10),
});
