// `npm run bench:<name>`: installs, checks PostgreSQL and Redis, builds what the benchmark
// runs (the API, the worker, the db package), then runs bench/<name>.bench.ts. Benchmarks
// print their figures and end with one line of JSON.
import { existsSync } from 'node:fs';
import { ensurePnpm, ensureServices, fail, installWorkspace, ROOT, run, step, TURBO_ENV } from './lib.mjs';

const name = process.argv[2];
const file = `${name}.bench.ts`;
if (!name || !existsSync(`${ROOT}bench/${file}`)) fail(`No benchmark bench/${file}. Usage: run-bench.mjs <name>`);

const pnpm = ensurePnpm();
installWorkspace(pnpm);
step('Checking PostgreSQL and Redis');
await ensureServices();
step('Building shared, db, api and worker');
run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--filter=!@kizuna/web'], { env: TURBO_ENV });
step(`Benchmark: ${name}`);
// TypeScript run as is (jiti), so it shares the system tests' platform code (tests/support).
run(process.execPath, ['--import', 'jiti/register', file], { cwd: `${ROOT}bench` });
