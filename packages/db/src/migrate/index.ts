export { createDatabaseIfMissing, databaseName, dropDatabase, redactUrl, withDatabase } from './database.js';
export {
  checksumMatches,
  MIGRATION_LOCK_KEY,
  MIGRATIONS_DIR,
  type MigrateOptions,
  type MigrateResult,
  type MigrationFile,
  migrate,
  readMigrations,
  sha256Hex,
} from './migrate.js';
