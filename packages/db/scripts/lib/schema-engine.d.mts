// Types for schema-engine.mjs (used by the schema-agreement test).

export type DiffTarget =
  | { tag: 'empty' }
  | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] }
  | {
      tag: 'migrations';
      baseDir: string;
      lockfile: { path: string; content: string | null };
      shadowDbInitScript: string;
      migrationDirectories: {
        path: string;
        migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
      }[];
    };

export interface SchemaEngineHandle {
  version: string;
  diff(from: DiffTarget, to: DiffTarget): Promise<{ script: string; empty: boolean }>;
  close(): Promise<void>;
}

export function databaseUrl(url: string, database: string): string;
export function openSchemaEngine(options: { serverUrl: string; log?: (line: string) => void }): Promise<SchemaEngineHandle>;
export const emptyTarget: DiffTarget;
export function schemaTarget(content: string, path?: string): DiffTarget;
export function migrationsTarget(
  baseDir: string,
  migrations: { name: string; sql: string }[],
  lockfile: string | null,
): DiffTarget;
