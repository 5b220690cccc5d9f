// Benchmark: the programme manager's proposal list and search over 100,000 proposals, and
// the autosave of proposal sections (issue 4: list/search p95 < 50 ms server time; autosave
// ≥ 1,000 requests/s with p99 < 100 ms, API and PostgreSQL on this 2-core machine).
//
// A fresh platform (stack.ts) gets, straight in its database: one open call, 100,000
// submitted proposals with three partners each (a lead in an ASEAN state, partners in Japan
// and another ASEAN state) and titles, keywords and abstracts drawn from word lists, and
// AUTOSAVE_EDITORS researchers each editing their own draft. Then:
//   list/search  each query shape, sequentially, over HTTP on loopback: p50/p95 of the server
//                time (the API's Server-Timing header; the goal) and p50/p95/max of the time the
//                client waits
//   autosave     the goal: AUTOSAVE_RATE saves a second offered for AUTOSAVE_SECONDS (open loop),
//                spread over the editors (each has at most one save in flight, as in the web app)
//                and sent over AUTOSAVE_CONNECTIONS keep-alive connections, as a reverse proxy in
//                front of the API would. A save's latency counts from when it was due, so a server
//                that falls behind shows it (no coordinated omission).
//   saturation   AUTOSAVE_USERS editors each saving again as soon as the previous save answered
//                (closed loop): the most the machine answers, and the latency that costs
// It ends with one line of JSON. Run with `npm run bench:proposals` (builds first).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { percentile, withDb } from '../tests/support/platform.js';
import { type Stack, startStack } from '../tests/support/stack.js';
import { cpuByName, cpuDelta, cpuOfTree, machineCpu } from './cpu.js';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 100_000);
const AUTOSAVE_RATE = Number(process.env.AUTOSAVE_RATE ?? 1000);
const AUTOSAVE_EDITORS = Number(process.env.AUTOSAVE_EDITORS ?? 1000);
const AUTOSAVE_CONNECTIONS = Number(process.env.AUTOSAVE_CONNECTIONS ?? 128);
const AUTOSAVE_USERS = Math.min(AUTOSAVE_EDITORS, Number(process.env.AUTOSAVE_USERS ?? 64));
const AUTOSAVE_SECONDS = Number(process.env.AUTOSAVE_SECONDS ?? 15);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const proxyAgent = new Agent({ keepAlive: true, maxSockets: AUTOSAVE_CONNECTIONS });

function http(base: string, method: string, path: string, cookie: string, body?: string, via = agent) {
  return new Promise<{ status: number; body: string; ms: number; serverMs: number }>((resolve, reject) => {
    const started = performance.now();
    const req = request(`${base}/api${path}`, {
      method,
      agent: via,
      headers: {
        cookie,
        ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
          // The API's own time (its Server-Timing header), without the loopback and this client.
          serverMs: Number(/app;dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1] ?? Number.NaN),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds so far: the API's processes, PostgreSQL, this process (the load), the machine and the steal. */
function cpuSnapshot(stack: Stack) {
  const self = process.cpuUsage();
  const machine = machineCpu();
  return {
    api: cpuOfTree(stack.api.child.pid ?? 0),
    postgres: cpuByName('postgres'),
    bench: (self.user + self.system) / 1e6,
    machine: machine.busy,
    steal: machine.steal,
  };
}

/**
 * Where a phase's CPU went, in seconds: what is not the API, PostgreSQL or the load is `other` (anything else the
 * machine ran meanwhile); `steal` is time the hypervisor gave to other guests. Either one large means the figures
 * say more about the host than about Kizuna.
 */
function cpuSpent(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const cpu = cpuDelta(before, after);
  return {
    api: cpu.api,
    postgres: cpu.postgres,
    bench: cpu.bench,
    other: Number(Math.max(0, cpu.machine - cpu.api - cpu.postgres - cpu.bench).toFixed(1)),
    steal: cpu.steal,
  };
}

function session() {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest('hex') };
}

// API and PostgreSQL share this machine, so the API reaches PostgreSQL over its Unix socket where there is one (as
// such a deployment would), unless DATABASE_URL says otherwise.
const PG_SOCKET_DIR = '/var/run/postgresql';
if (!process.env.DATABASE_URL && existsSync(`${PG_SOCKET_DIR}/.s.PGSQL.5432`)) {
  process.env.DATABASE_URL = `postgresql://postgres@localhost/postgres?host=${PG_SOCKET_DIR}`;
}
// The API runs as one process per core (API_PROCESSES, as in production); request logs at warn.
const API_PROCESSES = process.env.API_PROCESSES ?? '2';
const stack = await startStack({
  name: 'bench-proposals',
  workers: 0,
  webDist: false,
  env: { DATABASE_POOL_SIZE: '16', API_PROCESSES, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' },
});
try {
  let t = Date.now();
  const setup = await withDb(stack.databaseUrl, async (db) => {
    const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
    const programme = await one<{ id: string }>(`SELECT id FROM "Programme" LIMIT 1`);
    const manager = await one<{ id: string }>(
      `INSERT INTO "User" (id, email, "displayName", "passwordHash", "emailVerifiedAt", "updatedAt")
       VALUES (gen_random_uuid(), 'bench-manager@example.test', 'Bench Manager', 'x', now(), now()) RETURNING id`,
    );
    await db.query(
      `INSERT INTO "UserRole" (id, "userId", role, "programmeId") VALUES (gen_random_uuid(), $1, 'PROGRAMME_MANAGER', $2)`,
      [manager.id, programme.id],
    );
    const call = await one<{ id: string }>(
      `INSERT INTO "Call" (id, "programmeId", title, summary, description, themes, currency, "timeZone", "opensAt", "closesAt",
         "maxDurationMonths", sections, attachments, "eligibilityRules", rubric, status, "createdById", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'Benchmark joint call', 'Benchmark', '', ARRAY['climate_change','food_security','digital_connectivity'],
         'USD', 'Asia/Bangkok', now() - interval '1 day', now() + interval '30 days', 36,
         '[{"key":"objectives","title":"Objectives","guidance":"","maxWords":2000}]', '[]', '[]',
         '{"scale":{"min":1,"max":5},"criteria":[{"key":"x","title":"X","weight":100,"guidance":""}]}', 'OPEN', $2, now())
       RETURNING id`,
      [programme.id, manager.id],
    );
    const owner = await one<{ id: string }>(
      `INSERT INTO "User" (id, email, "displayName", "passwordHash", "emailVerifiedAt", "updatedAt")
       VALUES (gen_random_uuid(), 'bench-owner@example.test', 'Bench Owner', 'x', now(), now()) RETURNING id`,
    );
    // 100,000 submitted proposals, words from small vocabularies so searches hit a realistic share.
    await db.query(
      `WITH words AS (SELECT ARRAY['mangrove','rice','flood','typhoon','coral','aquaculture','drought','landslide','peatland',
                                   'fisheries','solar','broadband','satellite','urban','health','biodiversity','tsunami','soil'] AS w)
       INSERT INTO "Proposal" (id, "callId", title, acronym, abstract, keywords, theme, status, "createdById", "updatedAt", "submittedAt")
       SELECT gen_random_uuid(), $1,
              initcap(w[1 + i % 18]) || ' and ' || w[1 + (i / 18) % 18] || ' resilience ' || i,
              upper(substr(w[1 + i % 18], 1, 4)) || '-' || i,
              'Joint research on ' || w[1 + (i * 7) % 18] || ' and ' || w[1 + (i * 11) % 18] || ' across ASEAN and Japan.',
              ARRAY[w[1 + (i * 3) % 18], w[1 + (i * 5) % 18]],
              (ARRAY['climate_change','food_security','digital_connectivity'])[1 + i % 3],
              'SUBMITTED', $2, now(), now() - (i || ' seconds')::interval
       FROM generate_series(1, $3::int) AS i, words`,
      [call.id, owner.id, PROPOSALS],
    );
    const institutions = (
      await db.query<{ id: string; countryCode: string }>(`SELECT id, "countryCode" FROM "Institution"`)
    ).rows;
    const jp = institutions.filter((i) => i.countryCode === 'JP').map((i) => i.id);
    const asean = institutions.filter((i) => i.countryCode !== 'JP').map((i) => i.id);
    await db.query(
      `INSERT INTO "ProposalPartner" (id, "proposalId", "institutionId", role, "createdAt")
       SELECT gen_random_uuid(), p.id, ($2::uuid[])[1 + (abs(hashtext(p.id::text)) % array_length($2::uuid[], 1))], 'LEAD'::"PartnerRole", now() FROM "Proposal" p WHERE p."callId" = $1
       UNION ALL
       SELECT gen_random_uuid(), p.id, ($3::uuid[])[1 + (abs(hashtext(p.id::text)) % array_length($3::uuid[], 1))], 'PARTNER'::"PartnerRole", now() FROM "Proposal" p WHERE p."callId" = $1
       ON CONFLICT DO NOTHING`,
      [call.id, asean, jp],
    );
    await db.query(
      `INSERT INTO "ProposalPartner" (id, "proposalId", "institutionId", role, "createdAt")
       SELECT gen_random_uuid(), p.id, ($2::uuid[])[1 + (abs(hashtext(p.id::text || 'x')) % array_length($2::uuid[], 1))], 'PARTNER'::"PartnerRole", now()
       FROM "Proposal" p WHERE p."callId" = $1 ON CONFLICT DO NOTHING`,
      [call.id, asean],
    );
    // The partner facets the API keeps on each proposal (see refreshPartnerFacets).
    await db.query(
      `UPDATE "Proposal" p SET
         "partnerCountries" = (SELECT array_agg(i."countryCode" ORDER BY pp.role, pp."createdAt")
           FROM "ProposalPartner" pp JOIN "Institution" i ON i.id = pp."institutionId" WHERE pp."proposalId" = p.id),
         "partnerAgencies" = '{}'
       WHERE p."callId" = $1`,
      [call.id],
    );
    // Autosave users: each a lead PI of its own draft.
    const editors: { proposalId: string; token: string }[] = [];
    for (let i = 0; i < AUTOSAVE_EDITORS; i++) {
      const user = await one<{ id: string }>(
        `INSERT INTO "User" (id, email, "displayName", "passwordHash", "emailVerifiedAt", "updatedAt")
         VALUES (gen_random_uuid(), $1, 'Editor', 'x', now(), now()) RETURNING id`,
        [`bench-editor-${i}@example.test`],
      );
      const proposal = await one<{ id: string }>(
        `INSERT INTO "Proposal" (id, "callId", title, acronym, keywords, theme, "createdById", "updatedAt")
         VALUES (gen_random_uuid(), $1, 'Draft', 'DRAFT-' || $2, '{}', 'climate_change', $3, now()) RETURNING id`,
        [call.id, i, user.id],
      );
      const partner = await one<{ id: string }>(
        `INSERT INTO "ProposalPartner" (id, "proposalId", "institutionId", role) VALUES (gen_random_uuid(), $1, $2, 'LEAD') RETURNING id`,
        [proposal.id, asean[0]],
      );
      await db.query(
        `INSERT INTO "ProposalMember" ("proposalId", "userId", "partnerId", role) VALUES ($1, $2, $3, 'LEAD_PI')`,
        [proposal.id, user.id, partner.id],
      );
      const s = session();
      await db.query(
        `INSERT INTO "Session" (id, "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), $1, $2, now() + interval '1 day')`,
        [s.hash, user.id],
      );
      editors.push({ proposalId: proposal.id, token: s.token });
    }
    const m = session();
    await db.query(
      `INSERT INTO "Session" (id, "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), $1, $2, now() + interval '1 day')`,
      [m.hash, manager.id],
    );
    await db.query('VACUUM ANALYZE');
    return { callId: call.id, managerCookie: `kizuna_session=${m.token}`, editors };
  });
  console.log(`seeded ${PROPOSALS.toLocaleString('en')} proposals in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // ── The manager's list and search ──
  const shapes: Record<string, string> = {
    firstPage: `/manage/proposals?callId=${setup.callId}`,
    page50: `/manage/proposals?callId=${setup.callId}&page=50`,
    byCountry: `/manage/proposals?callId=${setup.callId}&country=JP`,
    byTheme: `/manage/proposals?callId=${setup.callId}&theme=food_security`,
    byCountryAndTheme: `/manage/proposals?callId=${setup.callId}&country=TH&theme=digital_connectivity`,
    search: `/manage/proposals?callId=${setup.callId}&q=mangrove`,
    searchTwoWords: `/manage/proposals?callId=${setup.callId}&q=coral%20tsunami`,
    searchAndCountry: `/manage/proposals?callId=${setup.callId}&q=flood&country=VN`,
  };
  const list: Record<
    string,
    { p50: number; p95: number; max: number; serverP50: number; serverP95: number; total: number }
  > = {};
  for (const [name, path] of Object.entries(shapes)) {
    const first = await http(stack.apiUrl, 'GET', path, setup.managerCookie);
    if (first.status !== 200) throw new Error(`${name}: ${first.status} ${first.body}`);
    const times: number[] = [];
    const server: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const res = await http(stack.apiUrl, 'GET', path, setup.managerCookie);
      times.push(res.ms);
      server.push(res.serverMs);
    }
    list[name] = {
      p50: Number(percentile(times, 50).toFixed(1)),
      p95: Number(percentile(times, 95).toFixed(1)),
      max: Number(Math.max(...times).toFixed(1)),
      serverP50: Number(percentile(server, 50).toFixed(1)),
      serverP95: Number(percentile(server, 95).toFixed(1)),
      total: (JSON.parse(first.body) as { total: number }).total,
    };
    const l = list[name];
    console.log(
      `  ${name.padEnd(18)} client p50 ${l.p50} ms  p95 ${l.p95} ms · server p50 ${l.serverP50} ms  p95 ${l.serverP95} ms  (${l.total} matches)`,
    );
  }

  // ── Autosave ──
  type Editor = { proposalId: string; cookie: string; version: number; saves: number; inFlight?: Promise<void> };
  const editors: Editor[] = setup.editors.map((e) => ({
    proposalId: e.proposalId,
    cookie: `kizuna_session=${e.token}`,
    version: 0,
    saves: 0,
  }));
  let errors = 0;
  let conflicts = 0;
  const save = async (editor: Editor, via: Agent) => {
    const body = JSON.stringify({
      content: `Objectives, draft ${editor.saves++}. `.repeat(28),
      version: editor.version,
    });
    const res = await http(
      stack.apiUrl,
      'PUT',
      `/proposals/${editor.proposalId}/sections/objectives`,
      editor.cookie,
      body,
      via,
    );
    if (res.status === 200) editor.version = (JSON.parse(res.body) as { version: number }).version;
    else if (res.status === 409) conflicts++;
    else errors++;
    return res;
  };
  // Every editor's first save (version 1), and a warm-up of the API's code paths and statements.
  for (let i = 0; i < editors.length; i += AUTOSAVE_CONNECTIONS) {
    await Promise.all(editors.slice(i, i + AUTOSAVE_CONNECTIONS).map((e) => save(e, proxyAgent)));
  }
  const warmUntil = performance.now() + 5000;
  await Promise.all(
    editors.slice(0, AUTOSAVE_USERS).map(async (e) => {
      while (performance.now() < warmUntil) await save(e, proxyAgent);
    }),
  );
  errors = 0;
  conflicts = 0;

  // Open loop: `rate` saves a second, each due at its own instant, its latency counted from then.
  const openLoop = async (rate: number, seconds: number) => {
    errors = 0;
    conflicts = 0;
    const latencies: number[] = [];
    const serverTimes: number[] = [];
    let due = 0;
    const cpuBefore = cpuSnapshot(stack);
    const start = performance.now();
    const lastDue = start + seconds * 1000;
    await new Promise<void>((done) => {
      const tick = () => {
        const now = performance.now();
        for (; start + (due * 1000) / rate <= Math.min(now, lastDue); due++) {
          const dueAt = start + (due * 1000) / rate;
          const editor = editors[due % editors.length]!;
          editor.inFlight = (editor.inFlight ?? Promise.resolve()).then(async () => {
            const res = await save(editor, proxyAgent);
            latencies.push(performance.now() - dueAt);
            serverTimes.push(res.serverMs);
          });
        }
        if (now >= lastDue) done();
        else setTimeout(tick, 1);
      };
      tick();
    });
    await Promise.all(editors.map((e) => e.inFlight));
    const stats = {
      offeredPerSecond: rate,
      editors: editors.length,
      connections: AUTOSAVE_CONNECTIONS,
      requests: latencies.length,
      answeredPerSecond: Math.round(latencies.length / ((performance.now() - start) / 1000)),
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      max: Number(Math.max(...latencies).toFixed(1)),
      serverP50: Number(percentile(serverTimes, 50).toFixed(1)),
      serverP99: Number(percentile(serverTimes, 99).toFixed(1)),
      errors,
      conflicts,
      cpuSeconds: cpuSpent(cpuBefore, cpuSnapshot(stack)),
    };
    console.log(`  autosave at ${rate}/s: ${JSON.stringify(stats)}`);
    return stats;
  };
  // Sustained: nearly every save offered answered within the run, 99 % of them within 100 ms of being due.
  const sustains = (s: Awaited<ReturnType<typeof openLoop>>) =>
    s.answeredPerSecond >= 0.99 * s.offeredPerSecond && s.p99 < 100 && s.errors === 0 && s.conflicts === 0;

  const autosave = await openLoop(AUTOSAVE_RATE, AUTOSAVE_SECONDS);
  // Below the goal, the highest rate (in tenths of it) that this machine does sustain, for comparison.
  let sustained: { perSecond: number; p99: number } | null = sustains(autosave)
    ? { perSecond: AUTOSAVE_RATE, p99: autosave.p99 }
    : null;
  for (let tenths = 9; !sustained && tenths >= 5; tenths--) {
    await new Promise((r) => setTimeout(r, 2000)); // let the previous backlog's effects settle
    const step = await openLoop((AUTOSAVE_RATE * tenths) / 10, 10);
    if (sustains(step)) sustained = { perSecond: step.offeredPerSecond, p99: step.p99 };
  }

  // Saturation: as many saves as the machine answers, each editor saving again as soon as it is answered.
  const closedLatencies: number[] = [];
  errors = 0;
  conflicts = 0;
  const cpuBefore = cpuSnapshot(stack);
  t = performance.now();
  const until = t + AUTOSAVE_SECONDS * 1000;
  await Promise.all(
    editors.slice(0, AUTOSAVE_USERS).map(async (editor) => {
      while (performance.now() < until) closedLatencies.push((await save(editor, proxyAgent)).ms);
    }),
  );
  const saturation = {
    users: AUTOSAVE_USERS,
    requests: closedLatencies.length,
    requestsPerSecond: Math.round(closedLatencies.length / ((performance.now() - t) / 1000)),
    p50: Number(percentile(closedLatencies, 50).toFixed(1)),
    p99: Number(percentile(closedLatencies, 99).toFixed(1)),
    errors,
    conflicts,
    cpuSeconds: cpuSpent(cpuBefore, cpuSnapshot(stack)),
  };
  console.log(`  autosave saturation: ${JSON.stringify(saturation)}`);

  // The goal is server time (issue 4): the API's Server-Timing, the client's wait printed beside it.
  const worstP95 = Math.max(...Object.values(list).map((l) => l.serverP95));
  console.log(
    JSON.stringify({
      bench: 'proposals',
      proposals: PROPOSALS,
      apiProcesses: Number(API_PROCESSES),
      goal: { listServerP95Ms: 50, autosaveRequestsPerSecond: 1000, autosaveP99Ms: 100 },
      met: {
        list: worstP95 < 50,
        autosave: AUTOSAVE_RATE >= 1000 && sustains(autosave),
      },
      list,
      autosave,
      sustained,
      saturation,
    }),
  );
} finally {
  agent.destroy();
  proxyAgent.destroy();
  await stack.stop();
}
