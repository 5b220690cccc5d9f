// Runs `prisma generate`. Prisma's CLI insists on downloading a native schema engine
// even though generate never runs it; on machines that cannot reach Prisma's binary
// host, pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
const cwd = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync('pnpm', ['exec', 'prisma', 'generate'], { cwd, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
