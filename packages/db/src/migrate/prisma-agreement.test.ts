// Our runner and Prisma's own migration engine (the WASM build of what `prisma migrate deploy` / `status` run) must
// agree about the same database: either may have applied the migrations, the other then finds nothing to do, and both
// see the same edited migration.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrationList, openSchemaEngine, type SchemaEngineHandle } from '../../scripts/lib/schema-engine.mjs';
import { TEST_SERVER_URL, withTestDatabase } from '../test-support/database.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from './index.js';

const migrations = readMigrations();
const names = migrations.map((m) => m.name);
const lockPath = join(MIGRATIONS_DIR, 'migration_lock.toml');
const lockfile = existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null;
const list = migrationList(MIGRATIONS_DIR, migrations, lockfile);

async function withPrismaEngine<T>(url: string, fn: (engine: SchemaEngineHandle) => Promise<T>): Promise<T> {
  const engine = await openSchemaEngine({ serverUrl: TEST_SERVER_URL, mainUrl: url });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

async function query(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The _prisma_migrations table's shape: columns and constraints. */
async function migrationsTableShape(url: string): Promise<string[]> {
  const columns = await query(
    url,
    `SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
            || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
            || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
  );
  const constraints = await query(
    url,
    `SELECT conname || ': ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
     WHERE conrelid = '"_prisma_migrations"'::regclass ORDER BY conname`,
  );
  return [...columns, ...constraints].map((r) => String(r.line));
}

describe("the runner and Prisma's migration engine", () => {
  it('agree after the runner migrated: Prisma sees the history in sync and applies nothing', async () => {
    await withTestDatabase(async ({ url }) => {
      expect((await migrate({ url })).applied).toEqual(names);
      await withPrismaEngine(url, async (engine) => {
        expect(await engine.diagnoseMigrationHistory(list)).toEqual({
          editedMigrationNames: [],
          failedMigrationNames: [],
          hasMigrationsTable: true,
          history: null,
        });
        expect(await engine.applyMigrations(list)).toEqual({ appliedMigrationNames: [] });
      });
    });
  });

  it('agree after Prisma migrated: the runner applies nothing, and the bookkeeping table is the same', async () => {
    await withTestDatabase(async ({ url: prismaUrl }) => {
      await withPrismaEngine(prismaUrl, async (engine) => {
        expect(await engine.applyMigrations(list)).toEqual({ appliedMigrationNames: names });
      });
      expect(await migrate({ url: prismaUrl })).toEqual({ applied: [] });

      await withTestDatabase(async ({ url: ourUrl }) => {
        await migrate({ url: ourUrl });
        expect(await migrationsTableShape(ourUrl)).toEqual(await migrationsTableShape(prismaUrl));
        const rows = `SELECT migration_name, checksum, logs, rolled_back_at, applied_steps_count,
                             finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`;
        expect(await query(ourUrl, rows)).toEqual(await query(prismaUrl, rows));
      });
    });
  });

  it('agree that an edited migration is edited', async () => {
    await withTestDatabase(async ({ url }) => {
      await migrate({ url });
      const [first, ...rest] = migrations;
      if (!first) throw new Error('no migrations');
      const edited = [{ ...first, sql: `${first.sql}\n-- edited\n` }, ...rest];
      await withPrismaEngine(url, async (engine) => {
        const diagnosis = await engine.diagnoseMigrationHistory(migrationList(MIGRATIONS_DIR, edited, lockfile));
        expect(diagnosis.editedMigrationNames).toEqual([first.name]);
      });
    });
  });
});
