// `npm run bench:<name>`: installs, then runs bench/<name>.bench.ts. The benchmarks that drive the platform (the
// built API and worker on PostgreSQL and Redis) first get the services checked and the apps built; the pure ones
// (assignment: the review-engine package, run from its TypeScript source) need neither. Benchmarks print their
// figures and end with one line of JSON.
import { existsSync } from 'node:fs';
import { ensurePnpm, ensureServices, fail, installWorkspace, ROOT, run, step, TURBO_ENV } from './lib.mjs';

const name = process.argv[2];
const file = `${name}.bench.ts`;
if (!name || !existsSync(`${ROOT}bench/${file}`)) fail(`No benchmark bench/${file}. Usage: run-bench.mjs <name>`);

/** Benchmarks that need no PostgreSQL, Redis or build: they run the workspace packages from their TypeScript source. */
const STANDALONE = new Set(['assignment']);

const pnpm = ensurePnpm();
installWorkspace(pnpm);
if (!STANDALONE.has(name)) {
  step('Checking PostgreSQL and Redis');
  await ensureServices();
  step('Building shared, db, api and worker');
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--filter=!@kizuna/web'], {
    env: TURBO_ENV,
  });
}
step(`Benchmark: ${name}`);
// TypeScript run as is (jiti), so it shares the system tests' platform code (tests/support). The standalone ones
// resolve @kizuna/* packages to their sources (the "@kizuna/source" export condition) rather than to dist/.
const conditions = STANDALONE.has(name) ? ['--conditions=@kizuna/source'] : [];
run(process.execPath, [...conditions, '--import', 'jiti/register', file], { cwd: `${ROOT}bench` });
