// Applies pending migrations to DATABASE_URL, creating the database first if it does not exist.
//   node dist/migrate/cli.js            (after `pnpm --filter @kizuna/db build`)
//   pnpm --filter @kizuna/db migrate
import { DEFAULT_DATABASE_URL } from '../config.js';
import { createDatabaseIfMissing, redactUrl } from './database.js';
import { migrate } from './migrate.js';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (await createDatabaseIfMissing(url)) console.log(`created database ${redactUrl(url)}`);
  const { applied } = await migrate({ url, log: (line) => console.log(line) });
  console.log(applied.length > 0 ? `${applied.length} migration(s) applied` : 'no pending migrations');
}

main().catch((error: unknown) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
