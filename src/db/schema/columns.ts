// Column types every area of the schema shares (how Kysely reads, inserts and updates a column).
import type { ColumnType } from 'kysely';

/** timestamptz: a Date out, a Date or ISO text in. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** timestamptz with a default: may be left out on insert. */
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: any JSON value in, parsed value out. */
export type Json = ColumnType<unknown, string, string>;
/** text[] with a default: may be left out on insert. */
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
