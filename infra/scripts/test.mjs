// `npm test`: every check and test, on real PostgreSQL, Redis, SMTP (a loopback sink) and Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensurePnpm, ensureServices, fail, installWorkspace, ROOT, run, step, TURBO_ENV } from './lib.mjs';

const started = Date.now();
const pnpm = ensurePnpm();
installWorkspace(pnpm);
step('Checking PostgreSQL and Redis');
await ensureServices();

step('Lint and format check (Biome)');
run(pnpm, ['exec', 'biome', 'ci', '--error-on-warnings', '.']);

step('Typecheck (every package)');
run(pnpm, ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only'], { env: TURBO_ENV });

step('Build (what the system tests run)');
run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { env: TURBO_ENV });

step('Chromium for the browser tests');
const chromium = findChromium();
console.log(`  using ${chromium}`);

step('Noto fonts for the agreement PDF (Japanese, Thai, Khmer, Lao, Myanmar, Vietnamese)');
ensureNotoFonts();

step('Unit, integration and browser tests (vitest)');
mkdirSync(`${ROOT}var`, { recursive: true });
const report = `${ROOT}var/vitest-report.json`;
const result = spawnSync(
  pnpm,
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: chromium },
  },
);
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\nnpm test finished in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
}
process.exit(result.status ?? 1);

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((p) => p && existsSync(p));
  if (found) return found;
  if (aptInstall(['chromium']) && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  fail(
    'No Chromium or Chrome found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROMIUM_PATH at a Chromium or Chrome executable.',
  );
}

/** The fonts apps/api/src/grants/pdf-fonts.ts looks for (PDF_FONT_DIR, else Debian's folders). */
function ensureNotoFonts() {
  const wanted = ['NotoSans-Regular.ttf', 'NotoSansThai-Regular.ttf', 'NotoSansCJK-Regular.ttc'];
  const dirs = [process.env.PDF_FONT_DIR, '/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto'];
  const present = () => wanted.every((file) => dirs.some((dir) => dir && existsSync(`${dir}/${file}`)));
  if (present()) return console.log('  found');
  if (aptInstall(['fonts-noto-core', 'fonts-noto-cjk']) && present()) return;
  fail(
    'The Noto fonts of the agreement PDF are missing. Install them (Debian/Ubuntu: `sudo apt-get install fonts-noto-core fonts-noto-cjk`) or point PDF_FONT_DIR at a folder holding NotoSans-*.ttf, NotoSansThai-*.ttf and NotoSansCJK-*.ttc.',
  );
}

/** Installs Debian packages when running as root with apt-get; false when it cannot. */
function aptInstall(packages) {
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt) return false;
  console.log(`  installing ${packages.join(', ')} (apt-get)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...packages], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
  return true;
}
