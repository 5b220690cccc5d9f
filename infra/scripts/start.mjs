// `npm start`: sets up and runs the whole platform on one origin (default http://localhost:3000).
// Safe to run again: installs only what is missing, migrations and seed are idempotent.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  DEFAULTS,
  ensurePnpm,
  ensureServices,
  fail,
  installWorkspace,
  ROOT,
  run,
  runAsync,
  step,
  TURBO_ENV,
  waitForHttp,
} from './lib.mjs';

const port = process.env.PORT || '3000';
const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
/** A secret for signing links (unsubscribe), made once per checkout and kept in var/ unless APP_SECRET is set. */
function appSecret() {
  if (process.env.APP_SECRET) return process.env.APP_SECRET;
  const file = `${ROOT}var/app-secret`;
  if (!existsSync(file)) {
    mkdirSync(`${ROOT}var`, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const env = {
  NODE_ENV: process.env.NODE_ENV || 'production',
  APP_SECRET: appSecret(),
  PORT: port,
  PUBLIC_URL: publicUrl,
  DATABASE_URL: process.env.DATABASE_URL || DEFAULTS.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || DEFAULTS.REDIS_URL,
  WEB_DIST: process.env.WEB_DIST || `${ROOT}apps/web/dist`,
  COOKIE_SECURE: process.env.COOKIE_SECURE || (publicUrl.startsWith('https://') ? 'true' : 'false'),
};

const pnpm = ensurePnpm();
installWorkspace(pnpm);
step('Checking PostgreSQL and Redis');
await ensureServices();

step('Building shared, db, api, worker and web');
run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { env: TURBO_ENV });

step('Applying database migrations');
run(process.execPath, ['packages/db/dist/migrate/cli.js'], { env });
step('Seeding demo data');
run(process.execPath, ['packages/db/dist/seed/cli.js'], { env });

let sink = null;
if (!process.env.SMTP_URL) {
  step('Starting the development mail sink (SMTP 127.0.0.1:1025, web http://127.0.0.1:1080)');
  const { startMailSink } = await import('../mail-sink/src/index.js');
  try {
    sink = await startMailSink({ smtpPort: 1025, httpPort: 1080 });
  } catch (error) {
    fail(
      `The mail sink could not listen on 1025/1080 (${error.message}). Stop whatever uses them, or set SMTP_URL to your SMTP server.`,
    );
  }
  env.SMTP_URL = 'smtp://127.0.0.1:1025';
}

step('Starting api and worker');
if (!existsSync(`${env.WEB_DIST}/index.html`)) fail(`The web app was not built into ${env.WEB_DIST}`);
const children = [
  runAsync(process.execPath, ['apps/api/dist/main.js'], { env }),
  runAsync(process.execPath, ['apps/worker/dist/main.js'], { env }),
];
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await sink?.close();
  process.exit(code);
};
for (const child of children) {
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`A process exited unexpectedly (code ${code}); stopping the platform.`);
      stop(1);
    }
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (!(await waitForHttp(`http://127.0.0.1:${port}/api/health/ready`))) {
  console.error('The API did not become ready within a minute.');
  await stop(1);
}
if (process.env.DEMO_DATA !== 'false') {
  // Through the API, as the demo manager and researcher: once per database (it finds its call the next time).
  step('Adding the demo calls, proposals and grant (DEMO_DATA=false skips this)');
  // With our mail sink, the demo also accepts its invitations from the sink and takes a call to an active grant.
  // Not spawnSync: the mail sink runs in this process and must keep answering meanwhile.
  const args = [`http://127.0.0.1:${port}`, ...(sink ? ['http://127.0.0.1:1080'] : [])];
  const demo = runAsync(process.execPath, ['apps/api/dist/demo/cli.js', ...args]);
  const code = await new Promise((resolve) => demo.once('exit', resolve));
  if (code !== 0) console.error('The demo content could not be added; the platform runs without it.');
}
console.log(`
┌──────────────────────────────────────────────────────────────┐
  Kizuna is running at ${publicUrl}
  API docs:   ${publicUrl}/api/docs
  Mail sink:  ${sink ? 'http://127.0.0.1:1080' : `(your SMTP server: ${env.SMTP_URL})`}

  Demo accounts (password: Kizuna-demo-2026)
    Researcher          researcher@kizuna.test
    Reviewer            reviewer@kizuna.test
    Programme manager   manager@kizuna.test
    Admin               admin@kizuna.test
    Partner PIs         researcher.jp@kizuna.test, researcher.th@kizuna.test
                        (their invitations to the demo proposal are in the mail sink)

  Stop with Ctrl+C.
└──────────────────────────────────────────────────────────────┘`);
