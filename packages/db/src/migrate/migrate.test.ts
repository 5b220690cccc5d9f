import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { withTestDatabase } from '../test-support/database.js';
import { checksumMatches, MIGRATIONS_DIR, migrate, readMigrations, sha256Hex } from './index.js';

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const tempDirs: string[] = [];
/** A writable copy of prisma/migrations. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-migrations-'));
  tempDirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const migrations = readMigrations();
const names = migrations.map((m) => m.name);
const first = migrations[0];
if (!first) throw new Error('prisma/migrations holds no migration');

describe('migrate', () => {
  it('applies every migration on a fresh database, then nothing on the second run', async () => {
    await withTestDatabase(async ({ url }) => {
      const lines: string[] = [];
      expect(await migrate({ url, log: (l) => lines.push(l) })).toEqual({ applied: names });
      expect(lines).toContain(`applied ${first.name}`);

      const rows = await query(
        url,
        `SELECT migration_name, checksum, finished_at, logs, rolled_back_at, applied_steps_count, started_at
         FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const [i, row] of rows.entries()) {
        expect(row.checksum).toBe(sha256Hex(migrations[i]?.sql ?? ''));
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.started_at).toBeInstanceOf(Date);
        expect(row.logs).toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }

      expect(await migrate({ url })).toEqual({ applied: [] });
      expect(await query(url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"')).toEqual([{ n: names.length }]);
    });
  });

  it('lets only one of two concurrent runs apply the migrations (advisory lock)', async () => {
    await withTestDatabase(async ({ url }) => {
      const results = await Promise.all([migrate({ url }), migrate({ url }), migrate({ url })]);
      const applied = results.map((r) => r.applied).sort((a, b) => b.length - a.length);
      expect(applied).toEqual([names, [], []]);
      expect(await query(url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"')).toEqual([{ n: names.length }]);
    });
  });

  it('refuses, naming the migration, when an applied migration file was changed', async () => {
    await withTestDatabase(async ({ url }) => {
      const dir = copyOfMigrations();
      await migrate({ url, migrationsDir: dir });
      writeFileSync(join(dir, first.name, 'migration.sql'), `${first.sql}\n-- an edit after the fact\n`);
      // A new migration is pending too: nothing at all may be applied.
      mkdirSync(join(dir, '29991231000000_later'));
      writeFileSync(join(dir, '29991231000000_later', 'migration.sql'), 'CREATE TABLE "Later" (id int);\n');

      await expect(migrate({ url, migrationsDir: dir })).rejects.toThrow(
        new RegExp(`Migration ${first.name} was modified after it was applied`),
      );
      expect(await query(url, `SELECT to_regclass('"Later"') AS t`)).toEqual([{ t: null }]);
    });
  });

  it('refuses when the recorded checksum was tampered with', async () => {
    await withTestDatabase(async ({ url }) => {
      await migrate({ url });
      await query(url, `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`, [
        first.name,
      ]);
      await expect(migrate({ url })).rejects.toThrow(first.name);
    });
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    await withTestDatabase(async ({ url }) => {
      const dir = copyOfMigrations();
      mkdirSync(join(dir, '29991231000000_broken'));
      writeFileSync(
        join(dir, '29991231000000_broken', 'migration.sql'),
        'CREATE TABLE "HalfDone" (id int);\n\nSELECT * FROM "NoSuchTable";\n',
      );
      await expect(migrate({ url, migrationsDir: dir })).rejects.toThrow(
        /Migration 29991231000000_broken failed \(at line 3 of migration\.sql\): relation "NoSuchTable" does not exist/,
      );
      expect(await query(url, `SELECT to_regclass('"HalfDone"') AS t`)).toEqual([{ t: null }]);
      const rows = await query(url, 'SELECT migration_name FROM "_prisma_migrations" ORDER BY 1');
      expect(rows.map((r) => r.migration_name)).toEqual(names);
    });
  });

  it('refuses to run past a failed migration recorded by prisma migrate deploy', async () => {
    await withTestDatabase(async ({ url }) => {
      await migrate({ url });
      await query(url, `UPDATE "_prisma_migrations" SET finished_at = NULL, logs = 'boom' WHERE migration_name = $1`, [
        first.name,
      ]);
      await expect(migrate({ url })).rejects.toThrow(new RegExp(`Migration ${first.name} failed earlier`));
    });
  });

  it('makes AuditEvent append-only: INSERT works, UPDATE, DELETE and TRUNCATE are refused', async () => {
    await withTestDatabase(async ({ url }) => {
      await migrate({ url });
      await query(
        url,
        `INSERT INTO "AuditEvent" (action, "entityType", "entityId", data) VALUES ('user.created', 'User', 'u1', '{}')`,
      );
      await expect(query(url, `UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(
        /AuditEvent is append-only: UPDATE is not allowed/,
      );
      await expect(query(url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(
        /AuditEvent is append-only: DELETE is not allowed/,
      );
      await expect(query(url, `TRUNCATE "AuditEvent"`)).rejects.toThrow(
        /AuditEvent is append-only: TRUNCATE is not allowed/,
      );
      // Even a statement that matches no row is refused.
      await expect(query(url, `DELETE FROM "AuditEvent" WHERE id = -1`)).rejects.toThrow(/append-only/);
      expect(await query(url, 'SELECT action FROM "AuditEvent"')).toEqual([{ action: 'user.created' }]);
    });
  });
});

describe('checksumMatches', () => {
  const sql = 'CREATE TABLE "A" (id int);\nCREATE TABLE "B" (id int);\n';

  it('accepts the file as applied, and the same file with other line endings', () => {
    expect(checksumMatches(sql, sha256Hex(sql))).toBe(true);
    expect(checksumMatches(sql.replace(/\n/g, '\r\n'), sha256Hex(sql))).toBe(true);
    expect(checksumMatches(sql, sha256Hex(sql.replace(/\n/g, '\r\n')))).toBe(true);
  });

  it("accepts Prisma's legacy checksums without zero-padding", () => {
    const legacy = Array.from(Buffer.from(sha256Hex(sql), 'hex'), (b) => b.toString(16)).join('');
    expect(checksumMatches(sql, legacy)).toBe(true);
  });

  it('rejects a changed file', () => {
    expect(checksumMatches(`${sql}-- edit\n`, sha256Hex(sql))).toBe(false);
  });
});
