// `npm run bench:<name>`: installs, then runs bench/<name>.bench.ts. The benchmarks that drive the platform (the
// built API and worker on PostgreSQL and Redis) first get the services checked and the apps built; the pure ones
// (assignment: the review-engine package) need no services and only that package built. Benchmarks print their
// figures and end with one line of JSON.
import { existsSync } from 'node:fs';
import { ensurePnpm, ensureServices, fail, installWorkspace, ROOT, run, step, TURBO_ENV } from './lib.mjs';

const name = process.argv[2];
const file = `${name}.bench.ts`;
if (!name || !existsSync(`${ROOT}bench/${file}`)) fail(`No benchmark bench/${file}. Usage: run-bench.mjs <name>`);

/** Benchmarks that need no PostgreSQL or Redis, with the one package they run. */
const STANDALONE = new Map([['assignment', '@kizuna/review-engine']]);

const pnpm = ensurePnpm();
installWorkspace(pnpm);
if (STANDALONE.has(name)) {
  // jiti loads workspace packages through their package exports, i.e. their built dist/.
  step(`Building ${STANDALONE.get(name)}`);
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', `--filter=${STANDALONE.get(name)}`], {
    env: TURBO_ENV,
  });
} else {
  step('Checking PostgreSQL and Redis');
  await ensureServices();
  step('Building shared, db, api and worker');
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--filter=!@kizuna/web'], {
    env: TURBO_ENV,
  });
}
step(`Benchmark: ${name}`);
// TypeScript run as is (jiti), so it shares the system tests' platform code (tests/support).
run(process.execPath, ['--import', 'jiti/register', file], { cwd: `${ROOT}bench` });
