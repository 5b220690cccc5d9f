import { type FactoryProvider, Inject, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { CONFIG, type Config } from '../config/config.js';

/**
 * A small node-postgres pool for the hot paths, where Prisma's per-statement overhead (query
 * compiler, result mapping) costs more than the statement: resolving the session of every
 * request, the autosave of a section, claiming and marking email deliveries. Everything else
 * goes through Prisma. Connections open on first use.
 */
export const DIRECT_DB = Symbol('DIRECT_DB');
export type DirectDb = pg.Pool;

export const directDbProvider: FactoryProvider<DirectDb> = {
  provide: DIRECT_DB,
  inject: [CONFIG],
  useFactory: (config: Config) => {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 8, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return pool;
  },
};

export class DirectDbCloser implements OnApplicationShutdown {
  constructor(@Inject(DIRECT_DB) private readonly db: DirectDb) {}
  async onApplicationShutdown() {
    await this.db.end().catch(() => undefined);
  }
}
