// Seeds DATABASE_URL (which must be migrated) and prints the demo accounts.
//   node dist/seed/cli.js               (after `pnpm --filter @kizuna/db build`)
//   pnpm --filter @kizuna/db seed
import { DEFAULT_DATABASE_URL } from '../config.js';
import { createPrismaClient } from '../index.js';
import { seed } from './index.js';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const prisma = createPrismaClient({ url, max: 2 });
  try {
    const { accounts } = await seed(prisma);
    console.log('Seeded. Demo accounts (email verified):');
    const width = Math.max(...accounts.map((a) => a.email.length));
    for (const a of accounts) console.log(`  ${a.role.padEnd(17)}  ${a.email.padEnd(width)}  ${a.password}`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
