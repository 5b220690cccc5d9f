import { type FactoryProvider, Inject, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { CONFIG, type Config } from '../config/config.js';

/**
 * A small node-postgres pool for the statements of the email hot path (claiming a batch of
 * deliveries, marking them sent): thousands per second, where Prisma's per-statement overhead
 * (query compiler, result mapping) costs more than the statement. Connections open on first
 * use, so a process that sends no email opens none.
 */
export const MAIL_DB = Symbol('MAIL_DB');
export type MailDb = pg.Pool;

export const mailDbProvider: FactoryProvider<MailDb> = {
  provide: MAIL_DB,
  inject: [CONFIG],
  useFactory: (config: Config) => {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return pool;
  },
};

export class MailDbCloser implements OnApplicationShutdown {
  constructor(@Inject(MAIL_DB) private readonly db: MailDb) {}
  async onApplicationShutdown() {
    await this.db.end().catch(() => undefined);
  }
}
