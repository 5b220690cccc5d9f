// Benchmark: the optimal reviewer assignment (packages/review-engine, min-cost flow by cost scaling) on synthetic
// calls (issue acceptance: 200 proposals × 150 reviewers in < 1 s; 10,000 proposals × 5,000 reviewers with the 200
// best candidates per proposal — 2,000,000 candidate pairs — OPTIMAL in < 30 s and < 2 GB peak memory).
//
// Instances are generated deterministically (seeded PRNG): 24 research topics with uneven popularity; each proposal
// and reviewer is a mix of 1–3 topics plus noise, and the affinity of a pair is the cosine of their topic vectors, so
// popular reviewers are wanted by many proposals and the loads bind. 12 countries (ASEAN + Japan), about one
// institution per 5 reviewers (each in one country), consortia of 2–3 countries, ~1% of the candidate pairs in
// conflict.
//
// Each instance runs in its own child process, so its peak memory is its own: peakRssMb is the process's maximum
// resident set (process.resourceUsage().maxRSS), which includes generating the instance; solveRssMb is the largest
// RSS sampled during the solve (at each ε phase). Validation with the zod schema (what `npm run assign` does) is timed
// after the solve and is not part of the solve time.
//
// Run with `npm run bench:assignment` (no services needed). BENCH_ASSIGNMENT (default
// "small,small-all-rules,large,large-short") picks the instances. Ends with one line of JSON.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  type AssignmentInstanceInput,
  assignmentInstanceSchema,
  calibrateScores,
  createRandom,
  solveAssignment,
  syntheticReviews,
} from '@kizuna/review-engine';

interface Spec {
  name: string;
  proposals: number;
  reviewers: number;
  k: number;
  maxLoad: number;
  minLoad: number;
  /** Candidates per proposal: its best reviewers; 0 = every reviewer. */
  candidatesPerProposal: number;
  constraints: { onePerInstitution: boolean; onePerCountry: boolean; outsideCountry: boolean };
  seed: number;
  goal: { solveMs: number; peakRssMb?: number };
}

const DEFAULT_RULES = { onePerInstitution: true, onePerCountry: false, outsideCountry: false };
const SPECS: Spec[] = [
  {
    name: 'small',
    proposals: 200,
    reviewers: 150,
    k: 3,
    maxLoad: 6,
    minLoad: 1,
    candidatesPerProposal: 0,
    constraints: DEFAULT_RULES,
    seed: 1,
    goal: { solveMs: 1000 },
  },
  {
    name: 'small-all-rules',
    proposals: 200,
    reviewers: 150,
    k: 3,
    maxLoad: 6,
    minLoad: 1,
    candidatesPerProposal: 0,
    constraints: { onePerInstitution: true, onePerCountry: true, outsideCountry: true },
    seed: 1,
    goal: { solveMs: 1000 },
  },
  {
    name: 'large',
    proposals: 10_000,
    reviewers: 5_000,
    k: 3,
    maxLoad: 8,
    minLoad: 0,
    candidatesPerProposal: 200,
    constraints: DEFAULT_RULES,
    seed: 2,
    goal: { solveMs: 30_000, peakRssMb: 2048 },
  },
  {
    // Not an acceptance figure: the same call with maxLoad 5 (25,000 places for 30,000 reviews) exercises the
    // infeasible path (detection, least slack, then most affinity) at full size.
    name: 'large-short',
    proposals: 10_000,
    reviewers: 5_000,
    k: 3,
    maxLoad: 5,
    minLoad: 0,
    candidatesPerProposal: 200,
    constraints: DEFAULT_RULES,
    seed: 2,
    goal: { solveMs: 30_000, peakRssMb: 2048 },
  },
];

const COUNTRIES = ['JP', 'BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL'];
const TOPICS = 24;

const prng = (seed: number) => createRandom(seed).next;

function generate(spec: Spec): AssignmentInstanceInput {
  const rand = prng(spec.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  // Topic popularity ~ 1/(rank+3), the same ranking for proposals and reviewers.
  const weights = (perm: number[]) => {
    const w = new Float64Array(TOPICS);
    perm.forEach((t, rank) => {
      w[t] = 1 / (rank + 3);
    });
    return w;
  };
  const shuffled = () => {
    const a = Array.from({ length: TOPICS }, (_, i) => i);
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(0, i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const draw = (w: Float64Array) => {
    let total = 0;
    for (const x of w) total += x;
    let u = rand() * total;
    for (let t = 0; t < TOPICS; t++) {
      u -= w[t]!;
      if (u <= 0) return t;
    }
    return TOPICS - 1;
  };
  const vectors = (count: number, w: Float64Array) => {
    const v = new Float64Array(count * TOPICS);
    for (let i = 0; i < count; i++) {
      const row = v.subarray(i * TOPICS, (i + 1) * TOPICS);
      for (let t = 0; t < TOPICS; t++) row[t] = rand() * 0.15;
      const topics = int(1, 3);
      for (let j = 0; j < topics; j++) row[draw(w)]! += 0.4 + rand();
      let norm = 0;
      for (const x of row) norm += x * x;
      norm = Math.sqrt(norm);
      for (let t = 0; t < TOPICS; t++) row[t]! /= norm;
    }
    return v;
  };
  const P = spec.proposals;
  const R = spec.reviewers;
  const popularity = weights(shuffled());
  const pv = vectors(P, popularity);
  const rv = vectors(R, popularity);

  const institutions = Array.from({ length: Math.max(1, Math.round(R / 5)) }, (_, i) => ({
    id: `inst-${i}`,
    country: COUNTRIES[int(0, COUNTRIES.length - 1)]!,
  }));
  const reviewers = Array.from({ length: R }, (_, i) => {
    const inst = institutions[int(0, institutions.length - 1)]!;
    return { id: `r${i}`, institution: inst.id, country: inst.country, minLoad: spec.minLoad, maxLoad: spec.maxLoad };
  });
  const proposals = Array.from({ length: P }, (_, i) => {
    const countries = new Set<string>();
    const size = int(2, 3);
    while (countries.size < size) countries.add(COUNTRIES[int(0, COUNTRIES.length - 1)]!);
    return { id: `p${i}`, countries: [...countries] };
  });

  const candidates: { proposal: string; reviewer: string; affinity: number }[] = [];
  const conflicts: { proposal: string; reviewer: string }[] = [];
  const scores = new Float64Array(R);
  const scratch = new Float64Array(R);
  const keep = spec.candidatesPerProposal || R;
  for (let p = 0; p < P; p++) {
    const a = pv.subarray(p * TOPICS, (p + 1) * TOPICS);
    for (let r = 0; r < R; r++) {
      let dot = 0;
      const off = r * TOPICS;
      for (let t = 0; t < TOPICS; t++) dot += a[t]! * rv[off + t]!;
      scores[r] = Math.round(dot * 1e6) / 1e6;
    }
    // The keep-th largest score, then every reviewer above it and, in reviewer order, enough at it.
    let threshold = -1;
    if (keep < R) {
      scratch.set(scores);
      threshold = nthLargest(scratch, keep);
    }
    let above = 0;
    for (let r = 0; r < R; r++) if (scores[r]! > threshold) above++;
    let atThreshold = keep - above;
    const pid = proposals[p]!.id;
    for (let r = 0; r < R; r++) {
      const s = scores[r]!;
      if (s < threshold || (s === threshold && atThreshold-- <= 0)) continue;
      const rid = reviewers[r]!.id;
      candidates.push({ proposal: pid, reviewer: rid, affinity: s });
      if (rand() < 0.01) conflicts.push({ proposal: pid, reviewer: rid });
    }
  }
  return { k: spec.k, proposals, reviewers, candidates, conflicts, constraints: spec.constraints };
}

/** The n-th largest value (1-based) of a; reorders a (quickselect). */
function nthLargest(a: Float64Array, n: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

interface Figures {
  name: string;
  proposals: number;
  reviewers: number;
  candidates: number;
  conflicts: number;
  k: number;
  constraints: string;
  generateMs: number;
  feasible: boolean;
  objective: number;
  assigned: number;
  shortProposals: number;
  shortPlaces: number;
  buildMs: number;
  solveMs: number;
  totalMs: number;
  validateMs: number;
  nodes: number;
  arcs: number;
  phases: number;
  relabels: number;
  solveRssMb: number;
  peakRssMb: number;
  goalSolveMs: number;
  goalPeakRssMb: number | null;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function runOne(spec: Spec): Figures {
  let t = performance.now();
  const instance = generate(spec);
  const generateMs = performance.now() - t;
  let solveRss = process.memoryUsage.rss();
  const result = solveAssignment(instance, {
    onProgress: () => {
      solveRss = Math.max(solveRss, process.memoryUsage.rss());
    },
  });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  t = performance.now();
  const parsed = assignmentInstanceSchema.safeParse(instance);
  const validateMs = performance.now() - t;
  if (!parsed.success) throw new Error(`generated instance is invalid: ${parsed.error.message.slice(0, 500)}`);
  const rules = Object.entries(spec.constraints)
    .filter(([, on]) => on)
    .map(([rule]) => rule)
    .join('+');
  return {
    name: spec.name,
    proposals: spec.proposals,
    reviewers: spec.reviewers,
    candidates: instance.candidates.length,
    conflicts: instance.conflicts?.length ?? 0,
    k: spec.k,
    constraints: rules,
    generateMs: Math.round(generateMs),
    feasible: result.feasible,
    objective: Math.round(result.objective * 1e6) / 1e6,
    assigned: result.assignment.length,
    shortProposals: result.infeasibility.proposals.length,
    shortPlaces: result.infeasibility.proposals.reduce((sum, p) => sum + p.required - p.assigned, 0),
    buildMs: Math.round(result.timing.buildMs),
    solveMs: Math.round(result.timing.solveMs),
    totalMs: Math.round(result.timing.totalMs),
    validateMs: Math.round(validateMs),
    nodes: result.stats.nodes,
    arcs: result.stats.arcs,
    phases: result.stats.phases,
    relabels: result.stats.relabels,
    solveRssMb: mb(solveRss),
    peakRssMb,
    goalSolveMs: spec.goal.solveMs,
    goalPeakRssMb: spec.goal.peakRssMb ?? null,
  };
}

interface CalibrationFigures {
  scores: number;
  proposals: number;
  reviewers: number;
  calibrateMs: number;
  iterations: number;
  peakRssMb: number;
  /** Pearson correlation with the true quality of the synthetic proposals. */
  rawCorrelation: number;
  calibratedCorrelation: number;
}

function pearson(xs: number[], ys: number[]) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Calibration of 30,000 scores on 10,000 proposals (goal < 5 s), with how much closer to the truth it gets. */
function runCalibration(): CalibrationFigures {
  const { reviews, truth } = syntheticReviews({ proposals: 10_000, reviewers: 1_000, reviewsPerProposal: 3, seed: 7 });
  const started = performance.now();
  const result = calibrateScores(reviews, { scale: { min: 0, max: 100 } });
  const calibrateMs = Math.round(performance.now() - started);
  const quality = result.proposals.map((p) => truth.quality.get(p.proposal)!);
  return {
    scores: reviews.length,
    proposals: result.proposals.length,
    reviewers: result.reviewers.length,
    calibrateMs,
    iterations: result.iterations,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rawCorrelation: Number(
      pearson(
        result.proposals.map((p) => p.rawMean),
        quality,
      ).toFixed(4),
    ),
    calibratedCorrelation: Number(
      pearson(
        result.proposals.map((p) => p.calibrated),
        quality,
      ).toFixed(4),
    ),
  };
}

const childIndex = process.argv.indexOf('--instance');
if (process.argv.includes('--calibration')) {
  process.stdout.write(`${JSON.stringify(runCalibration())}\n`);
} else if (childIndex >= 0) {
  const spec = SPECS.find((s) => s.name === process.argv[childIndex + 1]);
  if (!spec) throw new Error(`unknown instance ${process.argv[childIndex + 1]}`);
  process.stdout.write(`${JSON.stringify(runOne(spec))}\n`);
} else {
  const names = (process.env.BENCH_ASSIGNMENT ?? SPECS.map((s) => s.name).join(',')).split(',');
  const self = fileURLToPath(import.meta.url);
  const all: Figures[] = [];
  for (const name of names) {
    console.log(`\n── ${name} ──`);
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--instance', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`instance ${name} failed (exit ${child.status ?? child.signal})`);
    const f = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Figures;
    all.push(f);
    const ok = (cond: boolean) => (cond ? 'met' : 'MISSED');
    console.log(
      `  ${f.proposals.toLocaleString('en')} proposals × ${f.reviewers.toLocaleString('en')} reviewers, k=${f.k}, ` +
        `${f.candidates.toLocaleString('en')} candidate pairs, ${f.conflicts.toLocaleString('en')} conflicts, ` +
        `rules: ${f.constraints}`,
    );
    console.log(`  network        ${f.nodes.toLocaleString('en')} nodes, ${f.arcs.toLocaleString('en')} arcs`);
    console.log(
      `  feasible       ${f.feasible}, ${f.assigned} pairs, objective ${f.objective}` +
        (f.feasible ? '' : ` (${f.shortProposals} proposals short, ${f.shortPlaces} places empty)`),
    );
    console.log(`  generate       ${f.generateMs} ms (not measured below)`);
    console.log(`  build network  ${f.buildMs} ms`);
    console.log(`  solve          ${f.solveMs} ms (${f.phases} ε phases, ${f.relabels.toLocaleString('en')} relabels)`);
    console.log(`  total          ${f.totalMs} ms — goal < ${f.goalSolveMs} ms: ${ok(f.totalMs < f.goalSolveMs)}`);
    console.log(`  zod validation ${f.validateMs} ms (what npm run assign adds)`);
    console.log(
      `  peak RSS       ${f.peakRssMb} MB (process), ${f.solveRssMb} MB sampled during the solve` +
        (f.goalPeakRssMb ? ` — goal < ${f.goalPeakRssMb} MB: ${ok(f.peakRssMb < f.goalPeakRssMb)}` : ''),
    );
  }
  console.log('\n── calibration ──');
  const child = spawnSync(process.execPath, [...process.execArgv, self, '--calibration'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`calibration failed (exit ${child.status ?? child.signal})`);
  const calibration = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CalibrationFigures;
  console.log(
    `  ${calibration.scores.toLocaleString('en')} scores, ${calibration.proposals.toLocaleString('en')} proposals, ` +
      `${calibration.reviewers.toLocaleString('en')} reviewers (lenient and harsh ones)`,
  );
  console.log(
    `  calibrate      ${calibration.calibrateMs} ms (${calibration.iterations} iterations) — goal < 5000 ms: ` +
      `${calibration.calibrateMs < 5000 ? 'met' : 'MISSED'}; peak RSS ${calibration.peakRssMb} MB`,
  );
  console.log(
    `  vs true quality: raw mean r = ${calibration.rawCorrelation}, calibrated r = ${calibration.calibratedCorrelation}`,
  );
  console.log(
    JSON.stringify({
      benchmark: 'assignment',
      instances: all.map((f) => ({
        name: f.name,
        proposals: f.proposals,
        reviewers: f.reviewers,
        candidates: f.candidates,
        feasible: f.feasible,
        objective: f.objective,
        solveMs: f.solveMs,
        totalMs: f.totalMs,
        peakRssMb: f.peakRssMb,
      })),
      calibration,
    }),
  );
}
