// Test helpers: every test gets its own database on the server named by DATABASE_URL (its server part only), or on
// postgresql://postgres@127.0.0.1:5432, and drops it afterwards.
import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase, withDatabase } from '../migrate/database.js';

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A URL of the test server; its database part is meaningless. */
export const TEST_SERVER_URL = withDatabase(process.env.DATABASE_URL || DEFAULT_SERVER_URL, 'postgres');

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named kizuna_test_<random>. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kizuna_test_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(TEST_SERVER_URL, name);
  await createDatabaseIfMissing(url);
  return { name, url, drop: () => dropDatabase(url) };
}

/** Runs `fn` with a fresh database and drops it afterwards, whatever happens. */
export async function withTestDatabase<T>(fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase();
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}
