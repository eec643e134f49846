// Values written into the SQL text rather than sent as parameters, where the query plan depends on them.
import { sql } from 'kysely';

/**
 * `'closed'` written into the SQL text instead of sent as a parameter. The server prepares each query once and,
 * after five runs, keeps a generic plan when it is as good as planning each run afresh. A generic plan cannot use
 * a partial index whose predicate needs a parameter's value (`status <> $3` does not prove `status <> 'closed'`):
 * the dashboards' generic plan read a team's 77,000 cases at 1M cases (71 ms), so the server planned every run
 * anew (1-3 ms each). With the constant in the text, the partial indexes of open cases (migrations 0007, 0028)
 * serve the generic plan as well.
 */
export const CLOSED = sql.lit('closed');
