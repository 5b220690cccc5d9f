// Types for schema-engine.mjs (used by the tests under src/migrate).

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
  }[];
}

export type DiffTarget =
  | { tag: 'empty' }
  | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] }
  | ({ tag: 'migrations' } & MigrationList);

export type HistoryDiagnostic =
  | { diagnostic: 'databaseIsBehind'; unappliedMigrationNames: string[] }
  | { diagnostic: 'migrationsDirectoryIsBehind'; unpersistedMigrationNames: string[] }
  | {
      diagnostic: 'historiesDiverge';
      lastCommonMigrationName: string | null;
      unpersistedMigrationNames: string[];
      unappliedMigrationNames: string[];
    };

export interface SchemaEngineHandle {
  version: string;
  diff(from: DiffTarget, to: DiffTarget): Promise<{ script: string; empty: boolean }>;
  applyMigrations(migrationsList: MigrationList): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(migrationsList: MigrationList): Promise<{
    editedMigrationNames: string[];
    failedMigrationNames: string[];
    hasMigrationsTable: boolean;
    history: HistoryDiagnostic | null;
  }>;
  close(): Promise<void>;
}

export function databaseUrl(url: string, database: string): string;
export function openSchemaEngine(options: {
  serverUrl: string;
  mainUrl?: string;
  log?: (line: string) => void;
}): Promise<SchemaEngineHandle>;
export const emptyTarget: DiffTarget;
export function schemaTarget(content: string, path?: string): DiffTarget;
export function migrationList(
  baseDir: string,
  migrations: { name: string; sql: string }[],
  lockfile: string | null,
): MigrationList;
export function migrationsTarget(
  baseDir: string,
  migrations: { name: string; sql: string }[],
  lockfile: string | null,
): DiffTarget;
