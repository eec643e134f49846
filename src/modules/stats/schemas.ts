// TypeBox schemas of the data hub's API: validation, serialisation and the OpenAPI document come from them.
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const DatasetParams = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'Data set name, e.g. ctdc-vp.' }),
});

export const ReleaseParams = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
  id: Type.String({ format: 'uuid' }),
});

export const ReleaseQuery = Type.Object(
  {
    layout: Type.Optional(
      Type.Union([Type.Literal('dataset'), Type.Literal('ctdc-global')], {
        description:
          'dataset (default) or, for the national registrations, the CTDC global synthetic layout.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TableQuerystring = Type.Object(
  {
    dims: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'Up to three column names, comma-separated: the table crosses them.',
      examples: ['gender,majorityStatus'],
    }),
  },
  {
    additionalProperties: Type.String({ maxLength: 200 }),
    description:
      'Any other parameter filters on a column: `<column>=<value>` (`_missing` for the missing category). Table columns plus filters may use at most the data set’s maximum length.',
  },
);

export const Dimension = Type.Object({
  name: Type.String(),
  values: Type.Array(Type.String(), { description: 'The categories (the missing category is `_missing`).' }),
});

const LengthUtility = Type.Object({
  length: Type.Integer(),
  sensitive: Type.Integer({ description: 'Attribute combinations of this length in the noisy marginals.' }),
  other: Type.Integer({ description: 'Attribute combinations in the synthetic data.' }),
  suppressed: Type.Integer(),
  fabricated: Type.Integer(),
  suppressedShare: Type.Number(),
  fabricatedShare: Type.Number(),
  meanAbsoluteError: Type.Number(),
  meanProportionalError: Type.Number(),
});

export const ReleaseOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  epsilon: Type.Number(),
  delta: Type.Number(),
  rho: Type.Number({ description: 'The release’s cost in zero-concentrated DP, charged to the budget.' }),
  approved_by: Nullable(
    Type.String({
      description: 'The role of the account that made it (admin, data_steward); null: command line.',
    }),
  ),
  reporting_length: Type.Integer(),
  records: Type.Integer({ description: 'Synthetic records in the file.' }),
  created_at: Type.String({ format: 'date-time' }),
  utility: Type.Array(LengthUtility, {
    description:
      'The SDS evaluator metrics by combination length, of the synthetic file against the noisy marginals it was sampled from (both published: the figures carry the release’s guarantee). Empty for releases made before this report existed.',
  }),
  download: Type.String({ description: 'The synthetic file (CSV).' }),
  aggregates: Type.String({ description: 'The noisy marginals the synthetic file was sampled from (CSV).' }),
});

export const BudgetOut = Type.Object({
  epsilon: Nullable(
    Type.Number({ description: 'The ceiling as ε, set by an administrator; null: none set.' }),
  ),
  delta: Type.Number({ description: 'The δ at which ρ is read as ε.' }),
  rho: Type.Number({ description: 'The ceiling in zero-concentrated DP.' }),
  spent_rho: Type.Number(),
  spent_epsilon: Type.Number({ description: 'All releases together, as ε at δ.' }),
  remaining_epsilon: Type.Number({ description: 'The largest ε one more release at δ may have.' }),
  changes: Type.Array(
    Type.Object({
      epsilon: Type.Number(),
      delta: Type.Number(),
      rho: Type.Number(),
      reason: Type.String(),
      set_by: Nullable(Type.String({ description: 'The role of who set it (admin).' })),
      created_at: Type.String({ format: 'date-time' }),
    }),
    { description: 'Every change of the ceiling, newest first.' },
  ),
});

export const DatasetOut = Type.Object({
  name: Type.String(),
  title: Type.String(),
  format: Type.String({ description: 'ctdc-vp, ctdc-global, htcds or registrations.' }),
  k: Type.Integer({ description: 'Cells below k are suppressed (zero may show).' }),
  rounding_base: Nullable(Type.Integer({ description: 'Published numbers are rounded to this base.' })),
  max_length: Type.Integer({ description: 'Table columns plus filters may use at most this many columns.' }),
  total: Nullable(Type.Integer({ description: 'Records, after disclosure control.' })),
  dimensions: Type.Array(Dimension),
  budget: BudgetOut,
  releases: Type.Array(ReleaseOut),
});
export type DatasetOut = Static<typeof DatasetOut>;

export const DatasetList = Type.Array(DatasetOut);

export const TableCell = Type.Object(
  {
    count: Nullable(Type.Integer({ description: 'null when suppressed.' })),
    suppressed: Type.Boolean(),
  },
  {
    additionalProperties: Nullable(Type.String()),
    description:
      'One cell: the value of each table column (null: missing), its count and whether it is suppressed.',
  },
);

export const TableResponse = Type.Object({
  cells: Type.Array(TableCell),
  k: Type.Integer(),
  rounding_base: Nullable(Type.Integer()),
  total: Nullable(Type.Integer({ description: 'Records matching the filters; null when suppressed.' })),
});
