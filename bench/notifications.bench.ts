// Benchmark: notification emails from the outbox to the SMTP sink, end to end, with 1 and
// then 2 worker processes (issue 3: ≥ 1,000 messages/s with 2 workers, zero lost, zero
// duplicated). Each run is a fresh platform (stack.ts: the built API and workers, a fresh
// database, the loopback SMTP sink in this process, a fresh queue prefix): 100,000 verified
// users are inserted with one INSERT … SELECT generate_series, an admin posts an
// announcement to everyone, and the worker's fan-out writes the notifications and their
// outbox rows in batches; the relay moves them into BullMQ and the workers send them.
//
// Measured, from the sink's receive times and the notifications' commit times:
//   messages/s  delivered ÷ (last delivery − first notification commit)
//   p50 / p99   Notification.createdAt → sink receive time, per recipient
//   lost        recipients without an email; duplicated: extra copies (same Message-ID)
// It ends with one line of JSON holding the figures of every run.
//
// Run with `npm run bench:notifications` (builds first). BENCH_USERS (default 100000) and
// BENCH_WORKERS (default "1,2") change the size and the runs.
import {
  deliveryReport,
  dropQueueKeys,
  expectedEmails,
  insertUsers,
  percentile,
  sleep,
  waitUntil,
  withDb,
} from '../tests/support/platform.js';
import { LOG_DIR, type Stack, startStack } from '../tests/support/stack.js';
import { cpuByName, cpuDelta, cpuOf, machineCpu } from './cpu.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const RUNS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
/** The seed's demo admin (README: every demo account has this password). */
const ADMIN = { email: 'admin@kizuna.test', password: 'Kizuna-demo-2026' };
function cpuSnapshot(stack: Stack) {
  const self = process.cpuUsage();
  const machine = machineCpu();
  return {
    machine: machine.busy,
    steal: machine.steal,
    workers: stack.workers.reduce((sum, w) => sum + cpuOf(w.child.pid ?? 0), 0),
    api: cpuOf(stack.api.child.pid ?? 0),
    postgres: cpuByName('postgres'),
    redis: cpuByName('redis-server'),
    sinkAndBench: (self.user + self.system) / 1e6,
  };
}

async function login(stack: Stack): Promise<string> {
  const res = await fetch(`${stack.apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`admin login: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function api<T>(stack: Stack, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.apiUrl}/api${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type JobRun = { status: string; startedAt: string | null; finishedAt: string | null; error: string | null };
type QueueStats = { queue: string; waiting: number; active: number; delayed: number };

async function quiet(stack: Stack, cookie: string) {
  const pending = await withDb(stack.databaseUrl, async (db) => {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "OutboxMessage" WHERE status = 'PENDING'`,
    );
    return Number(rows[0]!.n);
  });
  const queues = await api<QueueStats[]>(stack, cookie, 'GET', '/admin/jobs/queues');
  return (
    pending === 0 && queues.every((q) => q.waiting + q.active === 0 && (q.queue === 'reminders' || q.delayed === 0))
  );
}

async function runOnce(workers: number) {
  console.log(`\n── ${workers} worker process${workers > 1 ? 'es' : ''}, ${USERS.toLocaleString('en')} recipients ──`);
  const stack = await startStack({
    name: `bench-${workers}w`,
    workers,
    webDist: false,
    // e.g. BENCH_NODE_OPTIONS='--require /tmp/profile.cjs' to profile the API and the workers with a preload
    // that starts node:inspector's Profiler (Node 20 refuses --cpu-prof in NODE_OPTIONS).
    ...(process.env.BENCH_NODE_OPTIONS ? { env: { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } } : {}),
  });
  try {
    const seeded = await withDb(stack.databaseUrl, async (db) => {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "User" WHERE "emailVerifiedAt" IS NOT NULL`,
      );
      return Number(rows[0]!.n);
    });
    let t = Date.now();
    await insertUsers(stack.databaseUrl, { count: USERS - seeded, label: 'bench' });
    await withDb(stack.databaseUrl, (db) => db.query('VACUUM ANALYZE "User", "UserRole"'));
    console.log(
      `  inserted ${USERS - seeded} users in ${((Date.now() - t) / 1000).toFixed(1)} s (+${seeded} from the seed)`,
    );
    const cookie = await login(stack);
    await sleep(1000); // let the workers finish starting

    const cpuBefore = cpuSnapshot(stack);
    const requestedAt = Date.now();
    const announcement = await api<{ id: string; jobRunId: string }>(stack, cookie, 'POST', '/admin/announcements', {
      title: 'Benchmark announcement',
      body: 'The ASEAN–Japan joint call on disaster resilience is open for proposals until 31 March.',
      audience: [],
    });

    // Progress every 5 s; done when every recipient has mail, or nothing arrived for 60 s after the fan-out ended.
    let lastCount = 0;
    let lastChange = Date.now();
    let lastPrint = Date.now();
    let run: JobRun | undefined;
    await waitUntil(
      async () => {
        const count = stack.sink.received.length;
        if (count !== lastCount) {
          lastCount = count;
          lastChange = Date.now();
        }
        if (Date.now() - lastPrint >= 5000) {
          lastPrint = Date.now();
          run = await api<JobRun>(stack, cookie, 'GET', `/job-runs/${announcement.jobRunId}`);
          console.log(
            `  ${((Date.now() - requestedAt) / 1000).toFixed(0).padStart(4)} s  ${count.toLocaleString('en').padStart(7)} delivered  fan-out ${run.status}`,
          );
        }
        if (count >= USERS) return true;
        return run?.status !== 'RUNNING' && run?.status !== 'QUEUED' && Date.now() - lastChange > 60_000;
      },
      { timeoutMs: 60 * 60_000, intervalMs: 200, describe: () => 'the emails' },
    );
    // Then until nothing is left to do (a late copy would show up as a duplicate), and 2 s more.
    await waitUntil(() => quiet(stack, cookie), { timeoutMs: 120_000, intervalMs: 500, describe: () => 'quiet' }).catch(
      (error: Error) => console.log(`  ${error.message}`),
    );
    await sleep(2000);
    const cpuAfter = cpuSnapshot(stack);
    run = await api<JobRun>(stack, cookie, 'GET', `/job-runs/${announcement.jobRunId}`);

    t = Date.now();
    const expected = await expectedEmails(stack.databaseUrl, `announcement:${announcement.id}:`);
    const report = deliveryReport(expected, stack.sink.received);
    const sink = stack.sink.stats();
    const delivered = report.expected - report.lost.length;
    const seconds = (report.lastDelivery - report.firstCommit) / 1000;
    const cpu = cpuDelta(cpuBefore, cpuAfter);
    // What else ran on the machine meanwhile (other people's tests would skew the figures).
    const ours = cpu.workers + cpu.api + cpu.postgres + cpu.redis + cpu.sinkAndBench;
    const cpuSeconds = { ...cpu, other: Number(Math.max(0, cpu.machine - ours).toFixed(1)) };
    const figures = {
      workers,
      recipients: report.expected,
      delivered,
      messagesPerSecond: Math.round(delivered / seconds),
      seconds: Number(seconds.toFixed(1)),
      p50Ms: percentile(report.latencies, 50),
      p99Ms: percentile(report.latencies, 99),
      lost: report.lost.length,
      duplicated: report.extraCopies,
      sinkDuplicateMessageIds: sink.duplicates,
      unexpectedMessages: stack.sink.received.length - report.received,
      fanOutSeconds:
        run.startedAt && run.finishedAt
          ? Number(((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1))
          : null,
      requestToLastDeliverySeconds: Number(((report.lastDelivery - requestedAt) / 1000).toFixed(1)),
      cpuSeconds,
    };
    console.log(`  ${JSON.stringify(figures)}`);
    console.log(`  (logs in ${LOG_DIR}/bench-${workers}w-*.log)`);
    return figures;
  } finally {
    await stack.stop();
    await dropQueueKeys(stack.redisUrl, stack.queuePrefix);
  }
}

const results = [];
for (const workers of RUNS) results.push(await runOnce(workers));
const two = results.find((r) => r.workers === 2);
const summary = {
  bench: 'notifications',
  users: USERS,
  goal: { messagesPerSecondWith2Workers: 1000, lost: 0, duplicated: 0 },
  met: two ? two.messagesPerSecond >= 1000 && two.lost === 0 && two.duplicated === 0 : null,
  runs: results.map(({ cpuSeconds: _cpu, ...r }) => r),
};
console.log(JSON.stringify(summary));
