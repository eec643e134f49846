// Numbered SQL migrations (src/db/migrations/NNNN_name.sql), the same files for PGlite and PostgreSQL.
// Each file runs in its own transaction, statement by statement, so a failure names the file and the
// statement and leaves the database as it was before that file. An edited, already-applied file is refused.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// An arbitrary constant: all app servers starting at once queue on it so only one migrates.
const MIGRATION_LOCK_KEY = 7_316_221;

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
    readonly statement?: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(`Migration file name must look like 0001_name.sql: ${file}`, file);
    const version = Number(match[1]);
    if (seen.has(version)) throw new MigrationError(`Two migrations share number ${match[1]}`, file);
    seen.add(version);
    const text = readFileSync(path.join(dir, file), 'utf8');
    return {
      version,
      name: match[2]!,
      file,
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    };
  });
}

/**
 * Splits a SQL script into statements on top-level semicolons, respecting quotes, dollar-quoted bodies and
 * comments, so that a failure can be reported against the statement that caused it.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      const stop = end === -1 ? script.length : end + 1;
      current += script.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch) {
          if (script[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '$') {
      // A tag follows identifier rules (letters, digits after the first, underscores); `$1` is a parameter.
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        const stop = end === -1 ? script.length : end + tag.length;
        current += script.slice(i, stop);
        i = stop;
      } else {
        current += ch;
        i++;
      }
    } else if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  const rest = current.trim();
  // A trailing comment is not a statement.
  if (rest && rest.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()) statements.push(rest);
  return statements;
}

export interface MigrateResult {
  applied: string[];
  current: number;
}

export async function migrate(db: Kysely<Database>, migrations = loadMigrations()): Promise<MigrateResult> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`
        create table if not exists schema_migration (
          version integer primary key,
          name text not null,
          checksum text not null,
          applied_at timestamptz not null default now()
        )`.execute(conn);
      const done = await sql<{
        version: number;
        name: string;
        checksum: string;
      }>`select version, name, checksum from schema_migration order by version`.execute(conn);
      const appliedByVersion = new Map(done.rows.map((r) => [r.version, r]));
      // Refuse a database that is ahead of the code before touching it.
      const knownVersions = new Set(migrations.map((m) => m.version));
      const unknown = [...appliedByVersion.keys()].filter((v) => !knownVersions.has(v));
      if (unknown.length > 0) {
        throw new MigrationError(
          `The database has migrations this version of Samen does not know (${unknown.join(', ')}): it is newer than the code.`,
          String(unknown[0]),
        );
      }
      const applied: string[] = [];
      for (const migration of migrations) {
        const previous = appliedByVersion.get(migration.version);
        if (previous) {
          if (previous.checksum !== migration.checksum) {
            throw new MigrationError(
              `Migration ${migration.file} was changed after it was applied. Add a new migration instead.`,
              migration.file,
            );
          }
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          for (const statement of splitStatements(migration.sql)) {
            try {
              await sql.raw(statement).execute(trx);
            } catch (error) {
              const reason = error instanceof Error ? error.message : String(error);
              throw new MigrationError(
                `Migration ${migration.file} failed: ${reason}\nStatement:\n${statement}`,
                migration.file,
                statement,
              );
            }
          }
          await sql`insert into schema_migration (version, name, checksum) values (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(
            trx,
          );
        });
        applied.push(migration.file);
      }
      return { applied, current: Math.max(0, ...migrations.map((m) => m.version)) };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
