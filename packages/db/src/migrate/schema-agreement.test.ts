// Fails when prisma/schema.prisma and prisma/migrations disagree (someone changed the schema without generating a
// migration, or edited a migration by hand in a way the schema does not say). Database A gets the migrations, database
// B gets the schema engine's "empty → schema.prisma" script, and their catalogs must be the same.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyTarget,
  openSchemaEngine,
  type SchemaEngineHandle,
  schemaTarget,
} from '../../scripts/lib/schema-engine.mjs';
import { compareCatalogs, dumpCatalog } from '../test-support/catalog.js';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from '../test-support/database.js';
import { migrate } from './index.js';

const schemaPath = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('schema.prisma and prisma/migrations', () => {
  let engine: SchemaEngineHandle;
  let fromMigrations: TestDatabase;
  let fromSchema: TestDatabase;
  let schemaScript: string;

  beforeAll(async () => {
    engine = await openSchemaEngine({ serverUrl: TEST_SERVER_URL });
    fromMigrations = await createTestDatabase();
    fromSchema = await createTestDatabase();
    await migrate({ url: fromMigrations.url });
    const diff = await engine.diff(emptyTarget, schemaTarget(readFileSync(schemaPath, 'utf8')));
    schemaScript = diff.script;
    await execute(fromSchema.url, schemaScript);
  });

  afterAll(async () => {
    await engine?.close();
    await fromMigrations?.drop();
    await fromSchema?.drop();
  });

  it('produce the same tables, columns, indexes, constraints and enums', async () => {
    const a = await dumpCatalog(fromMigrations.url);
    const b = await dumpCatalog(fromSchema.url);
    const difference = compareCatalogs(a, b);
    const { onlyInFirst: onlyInMigrations, onlyInSecond: onlyInSchema } = difference;
    const message =
      'prisma/migrations and prisma/schema.prisma disagree. ' +
      'If you changed schema.prisma, run `pnpm --filter @kizuna/db migration:new <name>`.\n' +
      `Only in the database built from the migrations:\n  ${onlyInMigrations.join('\n  ') || '(nothing)'}\n` +
      `Only in the database built from schema.prisma:\n  ${onlyInSchema.join('\n  ') || '(nothing)'}`;
    expect({ onlyInMigrations, onlyInSchema }, message).toEqual({ onlyInMigrations: [], onlyInSchema: [] });
  });

  it('compares enough to notice a difference (self-check of the catalog dump)', async () => {
    const a = await dumpCatalog(fromMigrations.url);
    expect(a.filter((l) => l.startsWith('table ')).length).toBeGreaterThanOrEqual(12);
    expect(a).toContain("column AuditEvent.data jsonb NOT NULL DEFAULT '{}'::jsonb");
    expect(a.some((l) => l.startsWith('constraint UserRole.UserRole_programmeId_fkey (f): FOREIGN KEY'))).toBe(true);
    expect(a.some((l) => l.startsWith('index User.User_email_key: CREATE UNIQUE INDEX'))).toBe(true);
    expect(a.some((l) => l.startsWith('enum Role {'))).toBe(true);

    const scratch = await createTestDatabase();
    try {
      await execute(scratch.url, schemaScript);
      await execute(scratch.url, 'ALTER TABLE "Country" ALTER COLUMN "nameJa" DROP NOT NULL');
      const difference = compareCatalogs(await dumpCatalog(fromSchema.url), await dumpCatalog(scratch.url));
      expect(difference.onlyInSecond).toEqual(['column Country.nameJa text NULL']);
    } finally {
      await scratch.drop();
    }
  });
});
