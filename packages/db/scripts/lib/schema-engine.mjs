// Prisma's schema engine, run as WebAssembly over node-postgres: the part of `prisma migrate` that computes
// migration SQL. The CLI's native engine cannot be downloaded on these machines; the WASM build of the same engine
// ships in the npm package @prisma/schema-engine-wasm (version pinned to match the `prisma` CLI).
//
// Three quirks are handled here:
//  1. The package's `exports` do not cover the .wasm file and Node 20 cannot import .wasm as a module, so the module
//     is compiled from its file path and handed to the wasm-bindgen glue (schema_engine_bg.js) by hand.
//  2. Engine-side introspection reads PostgreSQL catalog columns of type "char" (OID 18), which @prisma/adapter-pg
//     does not map ("Column type 'char' could not be deserialized"). Result fields of that type are relabelled as
//     text; pg already returns them as one-character strings.
//  3. @prisma/adapter-pg's executeScript splits scripts on ';' (which breaks PL/pgSQL bodies) and its
//     connectToShadowDb ignores the shadow database name when the pool was configured with a connection string (so
//     the "shadow" database is the main one!). Scripts are therefore sent whole (simple query protocol), and shadow
//     databases are created, connected and dropped here.
//
// Every database the engine touches is a throwaway one created by this module on the given server and dropped by
// close(); nothing else on the server is connected to except the `postgres` maintenance database (to create/drop).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

const require = createRequire(import.meta.url);

/** PostgreSQL's internal single-byte "char" type and its array; relabelled as text / text[]. */
const RELABEL_OIDS = new Map([
  [18, 25],
  [1002, 1009],
]);

const NO_FILTERS = { externalTables: [], externalEnums: [] };

let wasmModulePromise;

/** Instantiates the WASM schema engine once per process and returns its JS bindings. */
function loadWasmEngine() {
  wasmModulePromise ??= (async () => {
    const entry = require.resolve('@prisma/schema-engine-wasm');
    const dir = dirname(entry);
    const bindings = await import(pathToFileURL(join(dir, 'schema_engine_bg.js')).href);
    const module = new WebAssembly.Module(readFileSync(join(dir, 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bindings;
  })();
  return wasmModulePromise;
}

/** Returns the URL of database `database` on the server of `url` (credentials and query parameters kept). */
export function databaseUrl(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function patchQueryable(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      const relabelled = RELABEL_OIDS.get(field.dataTypeID);
      if (relabelled !== undefined) field.dataTypeID = relabelled;
    }
    return result;
  };
  queryable.executeScript = async (script) => {
    try {
      await queryable.client.query(script);
    } catch (error) {
      queryable.onError(error);
    }
  };
  if (typeof queryable.startTransaction === 'function') {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  }
  return queryable;
}

/**
 * Opens the WASM schema engine against a PostgreSQL server.
 * @param {{ serverUrl: string, mainUrl?: string, log?: (line: string) => void }} options
 *   serverUrl: any database URL on the server; mainUrl: an existing database to act on (for applyMigrations and
 *   diagnoseMigrationHistory), instead of a throwaway one.
 */
export async function openSchemaEngine({ serverUrl, mainUrl, log }) {
  const bindings = await loadWasmEngine();
  const adminUrl = databaseUrl(serverUrl, 'postgres');
  const created = [];

  async function admin(sql) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async function createScratchDatabase(prefix) {
    const name = `${prefix}_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE "${name}"`);
    created.push(name);
    return name;
  }

  async function dropScratchDatabase(name) {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const i = created.indexOf(name);
    if (i >= 0) created.splice(i, 1);
  }

  const mainDatabase = mainUrl ? null : await createScratchDatabase('kizuna_schema_engine');
  const mainFactory = new PrismaPg({ connectionString: mainUrl ?? databaseUrl(serverUrl, mainDatabase), max: 2 });
  const openAdapters = new Set();
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: mainFactory.provider,
    adapterName: mainFactory.adapterName,
    connect: async () => {
      const adapter = patchQueryable(await mainFactory.connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        openAdapters.delete(adapter);
        await dispose();
      };
      openAdapters.add(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const shadow = await createScratchDatabase('kizuna_shadow');
      const adapter = patchQueryable(
        await new PrismaPg({ connectionString: databaseUrl(serverUrl, shadow), max: 2 }).connect(),
      );
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await dropScratchDatabase(shadow);
      };
      return adapter;
    },
  });

  let engine;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels: undefined },
      (line) => {
        if (log) log(String(line));
      },
      factory,
    );
  } catch (error) {
    if (mainDatabase) await dropScratchDatabase(mainDatabase).catch(() => {});
    throw error;
  }

  return {
    /** The engine's build (prisma-engines commit). */
    version: bindings.version(),
    /**
     * Migration SQL that takes a database from `from` to `to` (DiffTarget objects of the engine), as
     * `prisma migrate diff --script` would print it. `empty` is true when there is nothing to do.
     */
    async diff(from, to) {
      const result = await engine.diff({ from, to, script: true, exitCode: true, filters: NO_FILTERS });
      // With exitCode: true the engine answers 2 when the diff is non-empty and 0 when it is empty.
      return { script: result.stdout ?? '', empty: result.exitCode === 0 };
    },
    /** `prisma migrate deploy`: applies unapplied migrations to the main database. */
    async applyMigrations(migrationsList) {
      return engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    },
    /** What `prisma migrate status` reports about the main database. */
    async diagnoseMigrationHistory(migrationsList) {
      return engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS });
    },
    async close() {
      try {
        engine.free();
        for (const adapter of [...openAdapters]) await adapter.dispose().catch(() => {});
      } finally {
        for (const name of [...created]) await dropScratchDatabase(name).catch(() => {});
      }
    },
  };
}

/** DiffTarget: a database with nothing in it. */
export const emptyTarget = Object.freeze({ tag: 'empty' });

/** DiffTarget: the datamodel of a Prisma schema file. */
export function schemaTarget(content, path = 'schema.prisma') {
  return { tag: 'schemaDatamodel', files: [{ path, content }] };
}

/**
 * A migrations directory as the engine takes it (the MigrationList of applyMigrations / diagnoseMigrationHistory).
 * @param {string} baseDir absolute path of prisma/migrations
 * @param {{ name: string, sql: string }[]} migrations in order
 * @param {string | null} lockfile content of migration_lock.toml
 */
export function migrationList(baseDir, migrations, lockfile) {
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
    })),
  };
}

/**
 * DiffTarget: the end state of a migrations directory (the engine applies the scripts to a throwaway shadow database
 * and introspects it, exactly as `prisma migrate dev` does).
 * @param {string} baseDir absolute path of prisma/migrations
 * @param {{ name: string, sql: string }[]} migrations in order
 * @param {string | null} lockfile content of migration_lock.toml
 */
export function migrationsTarget(baseDir, migrations, lockfile) {
  return { tag: 'migrations', ...migrationList(baseDir, migrations, lockfile) };
}
