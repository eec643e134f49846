// The querystrings of the guide's question and result pages. The answers may be repeated or comma-separated (the
// API's AdviceQuery reads them the same way): here the number of times each may be given is bounded, so an address
// no link or form of the guide makes is a 400 naming the parameter in the reader's language before the handler
// runs. What a value may be (a known answer, at most 40 characters) stays parseAnswers' to judge, with its own 400
// naming the parameter and the reason. Parameters not named here are let through unread (a tracker's tag).
import { Type } from '@sinclair/typebox';
import { FormField } from '../../platform/http/form-schema.js';

/** An answer of one value: a link repeats it at most once; five leaves room for a hand-made address. */
const single = () => Type.Optional(Type.Array(Type.String(), { maxItems: 5 }));
/** An answer of several values (forms, needs), repeated or comma-separated. */
const multi = () => Type.Optional(Type.Array(Type.String(), { maxItems: 20 }));

const ANSWERS = {
  audience: single(),
  form: multi(),
  danger: single(),
  municipality: single(),
  minor: single(),
  need: multi(),
  situation: single(),
};

/** `GET /guide/result`: the answers. */
export const RESULT_QUERY = Type.Object(ANSWERS);

/**
 * `GET /guide/:step`: the answers so far; on the question where, the place as typed (`place`) and the list of
 * municipalities asked for (`list=1`); `multi=1` when the question allows several answers at once.
 */
export const STEP_QUERY = Type.Object({
  ...ANSWERS,
  place: FormField.text(200),
  list: FormField.text(10),
  multi: FormField.text(10),
});
