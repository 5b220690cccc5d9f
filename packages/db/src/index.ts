import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export { DEFAULT_DATABASE_URL } from './config.js';
export * from './generated/prisma/client.js';
export { hashPassword, verifyPassword } from './password.js';

export interface CreatePrismaOptions {
  url: string;
  /** Connection pool size for this process. */
  max?: number;
}

/** The one way the apps open Prisma: the WebAssembly query compiler over node-postgres. */
export function createPrismaClient({ url, max = 10 }: CreatePrismaOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max });
  return new PrismaClient({ adapter });
}
