import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { redactUrl } from './database.js';

/** prisma/migrations, reached the same way from src/migrate (tests, tsx) and dist/migrate (built). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/**
 * The advisory lock key `prisma migrate` takes (72707369), so this runner and Prisma's CLI also exclude each other.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's migrations table, as its schema engine creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  /** Directory name, e.g. 20261127100608_init. */
  name: string;
  /** Absolute path of its migration.sql. */
  path: string;
  sql: string;
  /** SHA-256 of the file, lower-case hex: the value Prisma stores in _prisma_migrations.checksum. */
  checksum: string;
}

export interface MigrateOptions {
  /** PostgreSQL URL of the database to migrate (it must exist; see createDatabaseIfMissing). */
  url: string;
  /** Receives one line per event (lock taken, migration applied, …). */
  log?: (message: string) => void;
  /** Defaults to this package's prisma/migrations. */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order; empty when the database was up to date. */
  applied: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  logs: string | null;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Whether a migration script matches a stored checksum, by Prisma's rules: the script as is or with its line endings
 * converted either way (git may change them), and the legacy checksum format without zero-padding of each byte.
 */
export function checksumMatches(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replace(/\r\n/g, '\n'), sql.replace(/\n/g, '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    if (checksum.length === 64) return digest.toString('hex') === checksum;
    return Array.from(digest, (byte) => byte.toString(16)).join('') === checksum;
  });
}

/** The migrations of a Prisma migrations directory, in name order (which is time order). */
export function readMigrations(migrationsDir: string = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(migrationsDir)) throw new Error(`The migrations directory does not exist: ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const path = join(migrationsDir, name, 'migration.sql');
      if (!existsSync(path)) throw new Error(`Migration ${name} has no migration.sql (${path})`);
      const sql = readFileSync(path, 'utf8');
      return { name, path, sql, checksum: sha256Hex(sql) };
    });
}

/** "line 12" for a PostgreSQL error position (1-based character offset into the script). */
function describePosition(sql: string, position: unknown): string {
  const offset = Number(position);
  if (!Number.isInteger(offset) || offset < 1) return '';
  const line = sql.slice(0, offset - 1).split('\n').length;
  return ` (at line ${line} of migration.sql)`;
}

/**
 * Applies the pending migrations of prisma/migrations to the database at `url`, in name order, each in its own
 * transaction, while holding PostgreSQL's advisory lock for migrations (a second process waits, then finds nothing
 * left to do). Records each one in Prisma's `_prisma_migrations` table exactly as `prisma migrate deploy` would, so
 * the two agree about what has been applied.
 *
 * Refuses to do anything — and throws an error naming the migration — when an applied migration's file has changed
 * since (checksum mismatch), or when `_prisma_migrations` records a failed migration (left by `prisma migrate
 * deploy`; resolve it with `prisma migrate resolve`). A migration that fails here is rolled back entirely and
 * leaves no row behind, so fixing the file and running again is enough.
 *
 * Running it again on an up-to-date database applies nothing.
 */
export async function migrate({
  url,
  log = () => {},
  migrationsDir = MIGRATIONS_DIR,
}: MigrateOptions): Promise<MigrateResult> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: url, application_name: 'kizuna-migrate' });
  await client.connect();
  // Errors of an idle client (e.g. the server going away) would otherwise be thrown as unhandled events.
  client.on('error', (error) => log(`connection error: ${error.message}`));
  try {
    log(`waiting for the migration lock on ${redactUrl(url)}`);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return { applied: await applyPending(client, migrations, log) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  migrations: MigrationFile[],
  log: (message: string) => void,
): Promise<string[]> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, logs FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );

  const failed = rows.filter((row) => row.finished_at === null);
  if (failed.length > 0) {
    const names = failed.map((row) => row.migration_name).join(', ');
    throw new Error(
      `Migration ${names} failed earlier and is recorded as unfinished in _prisma_migrations; nothing was applied. ` +
        'Inspect the database, then mark it with `prisma migrate resolve --rolled-back|--applied <name>` ' +
        '(or set rolled_back_at on its row) before migrating again.',
    );
  }

  const byName = new Map(migrations.map((m) => [m.name, m]));
  const appliedNames = new Set<string>();
  for (const row of rows) {
    appliedNames.add(row.migration_name);
    const file = byName.get(row.migration_name);
    if (!file) {
      log(`warning: migration ${row.migration_name} is recorded in the database but not in the migrations directory`);
      continue;
    }
    if (!checksumMatches(file.sql, row.checksum)) {
      throw new Error(
        `Migration ${row.migration_name} was modified after it was applied: the checksum of ${file.path} ` +
          `(${file.checksum}) differs from the one recorded in _prisma_migrations (${row.checksum}); nothing was ` +
          'applied. Restore the file as it was applied, and put further changes in a new migration.',
      );
    }
  }

  const pending = migrations.filter((m) => !appliedNames.has(m.name));
  if (pending.length === 0) {
    log(`database is up to date (${appliedNames.size} migrations applied)`);
    return [];
  }

  const applied: string[] = [];
  for (const migration of pending) {
    log(`applying ${migration.name}`);
    await client.query('BEGIN');
    try {
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, clock_timestamp(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        // No parameters: sent with the simple query protocol, which runs a multi-statement script.
        await client.query(migration.sql);
      } catch (error) {
        const e = error as Error & { position?: string };
        throw new Error(
          `Migration ${migration.name} failed${describePosition(migration.sql, e.position)}: ${e.message}`,
          {
            cause: error,
          },
        );
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    applied.push(migration.name);
    log(`applied ${migration.name}`);
  }
  return applied;
}
