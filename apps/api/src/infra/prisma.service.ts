import { createPrismaClient, type PrismaClient } from '@kizuna/db';
import { type FactoryProvider, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { DIRECT_DB, DirectDbCloser, directDbProvider } from './direct-db.js';

export const PRISMA = Symbol('PRISMA');
export type Prisma = PrismaClient;
/** The interactive-transaction client handed to `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

class PrismaCloser implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}
  async onApplicationShutdown() {
    await this.prisma.$disconnect();
  }
}

const prismaProvider: FactoryProvider<PrismaClient> = {
  provide: PRISMA,
  inject: [CONFIG],
  useFactory: (config: Config) => createPrismaClient({ url: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE }),
};

@Global()
@Module({ providers: [prismaProvider, PrismaCloser, directDbProvider, DirectDbCloser], exports: [PRISMA, DIRECT_DB] })
export class DatabaseModule {}
