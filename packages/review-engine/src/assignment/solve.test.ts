import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { type AssignmentInstance, assignmentInstanceSchema } from './schema.js';
import { type AssignmentResult, solveAssignment } from './solve.js';

let highs: Highs;
beforeAll(async () => {
  // highs is CommonJS: depending on the interop, the loader is `default` or `default.default`.
  type Loader = () => Promise<Highs>;
  const mod = (await import('highs')) as unknown as { default: Loader | { default: Loader } };
  highs = await (typeof mod.default === 'function' ? mod.default : mod.default.default)();
});

type HighsSolution = ReturnType<Highs['solve']>;
const primal = (result: HighsSolution, name: string): number => {
  const column = result.Columns[name];
  return column && 'Primal' in column ? column.Primal : 0;
};

const prng = (seed: number) => createRandom(seed).next;

const COUNTRIES = ['JP', 'TH', 'MY', 'VN', 'ID', 'PH'];

/** The reviewers proposal p needs: its own k, else the instance's. */
const kOf = (instance: AssignmentInstance, p: AssignmentInstance['proposals'][number]) => p.k ?? instance.k;
const places = (instance: AssignmentInstance) => instance.proposals.reduce((sum, p) => sum + kOf(instance, p), 0);

/**
 * A random instance. With `mixedK`, about half the proposals have their own k in 0..4 (0 one time in five: the
 * proposals whose reviewers were all invited earlier), the others the instance's.
 */
function randomInstance(
  seed: number,
  constraints: AssignmentInstance['constraints'],
  mixedK = false,
): AssignmentInstance {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const P = int(5, 12);
  const R = int(6, 15);
  const k = int(1, 3);
  // Each institution is in one country (the model nests institutions in countries).
  const institutions = Array.from({ length: int(3, Math.max(3, R - 2)) }, (_, i) => ({
    id: `inst-${i}`,
    country: COUNTRIES[int(0, COUNTRIES.length - 1)]!,
  }));
  const proposals = Array.from({ length: P }, (_, i) => {
    const countries = COUNTRIES.filter(() => rand() < 0.35);
    if (!mixedK || rand() < 0.5) return { id: `p${i}`, countries };
    return { id: `p${i}`, countries, k: rand() < 0.2 ? 0 : int(1, 4) };
  });
  const reviewers = Array.from({ length: R }, (_, i) => {
    const inst = institutions[int(0, institutions.length - 1)]!;
    const minLoad = rand() < 0.6 ? 0 : int(1, 2);
    return { id: `r${i}`, institution: inst.id, country: inst.country, minLoad, maxLoad: minLoad + int(0, 4) };
  });
  // Affinities: mostly 3 decimals (many ties), some full doubles, some exactly 0.
  const affinity = () => {
    const u = rand();
    if (u < 0.1) return 0;
    if (u < 0.4) return rand();
    return Math.round(rand() * 1000) / 1000;
  };
  const density = 0.35 + rand() * 0.5;
  const candidates: AssignmentInstance['candidates'] = [];
  const conflicts: AssignmentInstance['conflicts'] = [];
  for (const p of proposals)
    for (const r of reviewers) {
      if (rand() < density) candidates.push({ proposal: p.id, reviewer: r.id, affinity: affinity() });
      if (rand() < 0.08) conflicts.push({ proposal: p.id, reviewer: r.id });
    }
  return { k, proposals, reviewers, candidates, conflicts, constraints };
}

const CONSTRAINT_SETS: AssignmentInstance['constraints'][] = [];
for (const onePerInstitution of [true, false])
  for (const onePerCountry of [false, true])
    for (const outsideCountry of [false, true])
      CONSTRAINT_SETS.push({ onePerInstitution, onePerCountry, outsideCountry });

/** The instance's rows over x_pr ∈ [0, 1] (conflicts left out), shared by both LPs. */
function lpRows(instance: AssignmentInstance) {
  const conflict = new Set(instance.conflicts.map((c) => `${c.proposal}|${c.reviewer}`));
  const reviewer = new Map(instance.reviewers.map((r) => [r.id, r]));
  const vars = instance.candidates
    .filter((c) => !conflict.has(`${c.proposal}|${c.reviewer}`))
    .map((c, i) => ({ ...c, name: `x${i}`, r: reviewer.get(c.reviewer)! }));
  const rows: { terms: string[]; sense: string; rhs: number; slack?: { name: string; sign: '+' | '-' } }[] = [];
  const { onePerInstitution, onePerCountry, outsideCountry } = instance.constraints;
  for (const p of instance.proposals) {
    const k = kOf(instance, p);
    const mine = vars.filter((v) => v.proposal === p.id);
    rows.push({ terms: mine.map((v) => v.name), sense: '=', rhs: k, slack: { name: `u_${p.id}`, sign: '+' } });
    const groups = (key: (v: (typeof vars)[number]) => string) => {
      const map = new Map<string, string[]>();
      for (const v of mine) map.set(key(v), [...(map.get(key(v)) ?? []), v.name]);
      for (const names of map.values()) if (names.length > 1) rows.push({ terms: names, sense: '<=', rhs: 1 });
    };
    if (onePerInstitution) groups((v) => v.r.institution);
    if (onePerCountry) groups((v) => v.r.country);
    // A proposal that needs nobody needs nobody from outside either.
    if (outsideCountry && k >= 1) {
      const outside = mine.filter((v) => !p.countries.includes(v.r.country)).map((v) => v.name);
      rows.push({ terms: outside, sense: '>=', rhs: 1, slack: { name: `w_${p.id}`, sign: '+' } });
    }
  }
  for (const r of instance.reviewers) {
    const mine = vars.filter((v) => v.reviewer === r.id).map((v) => v.name);
    rows.push({ terms: mine, sense: '<=', rhs: r.maxLoad });
    if (r.minLoad > 0) rows.push({ terms: mine, sense: '>=', rhs: r.minLoad, slack: { name: `v_${r.id}`, sign: '+' } });
  }
  return { vars, rows };
}

const lpNumber = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(17));

/**
 * (a) The plain LP: max Σ a·x under every constraint. Infeasible exactly when the instance is (a row with no
 * variable and a positive right-hand side is infeasible on its face).
 */
function solvePlainLp(instance: AssignmentInstance): { feasible: boolean; objective: number } {
  const { vars, rows } = lpRows(instance);
  const lines = ['Maximize', ` obj: ${vars.map((v) => `+ ${lpNumber(v.affinity)} ${v.name}`).join(' ') || '0 dummy'}`];
  lines.push('Subject To');
  let i = 0;
  for (const row of rows) {
    if (row.terms.length === 0) {
      if ((row.sense === '=' || row.sense === '>=') && row.rhs > 0) return { feasible: false, objective: 0 };
      continue;
    }
    lines.push(` c${i++}: ${row.terms.join(' + ')} ${row.sense} ${row.rhs}`);
  }
  lines.push('Bounds', ...vars.map((v) => ` 0 <= ${v.name} <= 1`), 'End');
  const result = highs.solve(lines.join('\n'), { output_flag: false });
  if (result.Status === 'Infeasible') return { feasible: false, objective: 0 };
  expect(result.Status).toBe('Optimal');
  return { feasible: true, objective: result.ObjectiveValue };
}

/**
 * (b) The LP with slack: a place left empty (u), no outside reviewer (w ≤ 1, and it is one of the empty places:
 * w ≤ u), a reviewer below its minimum (v), each costing M, more than any total affinity. Its optimum is the
 * lexicographic one: fewest slack units, then most affinity.
 */
function solveSlackLp(instance: AssignmentInstance): { slack: number; affinity: number } {
  const { vars, rows } = lpRows(instance);
  const M = 1000;
  const slacks = rows.flatMap((r) => (r.slack ? [r.slack.name] : []));
  const penalty = slacks.filter((s) => !s.startsWith('w_')).map((s) => `- ${M} ${s}`);
  const lines = [
    'Maximize',
    ` obj: ${[...vars.map((v) => `+ ${lpNumber(v.affinity)} ${v.name}`), ...penalty].join(' ')}`,
  ];
  lines.push('Subject To');
  rows.forEach((row, i) => {
    const terms = [...row.terms.map((t) => `+ ${t}`)];
    if (row.slack) terms.push(`${row.slack.sign} ${row.slack.name}`);
    if (terms.length === 0) return;
    lines.push(` c${i}: ${terms.join(' ')} ${row.sense} ${row.rhs}`);
  });
  // The outside slack w_p uses one of p's empty places u_p.
  for (const p of instance.proposals)
    if (instance.constraints.outsideCountry && kOf(instance, p) >= 1)
      lines.push(` wu_${p.id}: w_${p.id} - u_${p.id} <= 0`);
  lines.push('Bounds', ...vars.map((v) => ` 0 <= ${v.name} <= 1`));
  for (const s of slacks) lines.push(s.startsWith('w_') ? ` 0 <= ${s} <= 1` : ` ${s} >= 0`);
  lines.push('End');
  const result = highs.solve(lines.join('\n'), { output_flag: false });
  expect(result.Status).toBe('Optimal');
  let slack = 0;
  for (const s of slacks) if (!s.startsWith('w_')) slack += primal(result, s);
  const affinity = vars.reduce((sum, v) => sum + v.affinity * primal(result, v.name), 0);
  return { slack, affinity };
}

/** An independent check of every constraint; returns the violations (empty when the result is sound). */
function violations(instance: AssignmentInstance, result: AssignmentResult): string[] {
  const out: string[] = [];
  const { constraints } = instance;
  const candidate = new Map(instance.candidates.map((c) => [`${c.proposal}|${c.reviewer}`, c.affinity]));
  const conflict = new Set(instance.conflicts.map((c) => `${c.proposal}|${c.reviewer}`));
  const reviewer = new Map(instance.reviewers.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const byProposal = new Map<string, string[]>(instance.proposals.map((p) => [p.id, []]));
  const load = new Map<string, number>(instance.reviewers.map((r) => [r.id, 0]));
  let objective = 0;
  for (const a of result.assignment) {
    const key = `${a.proposal}|${a.reviewer}`;
    if (!candidate.has(key)) out.push(`${key} is not a candidate`);
    else if (candidate.get(key) !== a.affinity) out.push(`${key} has the wrong affinity`);
    if (conflict.has(key)) out.push(`${key} is a conflict`);
    if (seen.has(key)) out.push(`${key} assigned twice`);
    seen.add(key);
    byProposal.get(a.proposal)?.push(a.reviewer);
    load.set(a.reviewer, (load.get(a.reviewer) ?? 0) + 1);
    objective += a.affinity;
  }
  if (Math.abs(objective - result.objective) > 1e-9) out.push('objective is not the sum of the affinities');
  for (const p of instance.proposals) {
    const k = kOf(instance, p);
    const rs = byProposal.get(p.id)!.map((id) => reviewer.get(id)!);
    if (rs.length > k) out.push(`${p.id} has ${rs.length} > k reviewers`);
    if (result.feasible && rs.length !== k) out.push(`${p.id} has ${rs.length} ≠ k reviewers`);
    const distinct = (key: (r: (typeof rs)[number]) => string) => new Set(rs.map(key)).size === rs.length;
    if (constraints.onePerInstitution && !distinct((r) => r.institution)) out.push(`${p.id}: two of one institution`);
    if (constraints.onePerCountry && !distinct((r) => r.country)) out.push(`${p.id}: two of one country`);
    if (constraints.outsideCountry && k >= 1) {
      const outside = rs.filter((r) => !p.countries.includes(r.country)).length;
      if (rs.length - outside > k - 1) out.push(`${p.id}: no place left for an outside reviewer`);
      if (result.feasible && outside === 0) out.push(`${p.id}: no outside reviewer`);
    }
    const reported = result.infeasibility.proposals.find((s) => s.id === p.id);
    if (rs.length < k !== Boolean(reported)) out.push(`${p.id}: shortfall report disagrees (${rs.length} of ${k})`);
    if (reported && reported.assigned !== rs.length) out.push(`${p.id}: reported assigned count is wrong`);
    if (reported && reported.required !== k) out.push(`${p.id}: reported required count is not its k`);
  }
  for (const r of instance.reviewers) {
    const n = load.get(r.id)!;
    if (n > r.maxLoad) out.push(`${r.id} has ${n} > maxLoad`);
    if (result.feasible && n < r.minLoad) out.push(`${r.id} has ${n} < minLoad`);
    const reported = result.infeasibility.reviewers.find((s) => s.id === r.id);
    if (n < r.minLoad !== Boolean(reported)) out.push(`${r.id}: minLoad report disagrees`);
  }
  return out;
}

function slackOf(result: AssignmentResult): number {
  const proposals = result.infeasibility.proposals.reduce((s, p) => s + p.required - p.assigned, 0);
  const reviewers = result.infeasibility.reviewers.reduce((s, r) => s + r.minLoad - r.assigned, 0);
  return proposals + reviewers;
}

describe('solveAssignment: optimal against an independent LP solver (HiGHS)', () => {
  CONSTRAINT_SETS.forEach((constraints, set) => {
    const label = Object.entries(constraints)
      .filter(([, on]) => on)
      .map(([name]) => name)
      .join(' + ');
    it(`random instances with ${label || 'no group rule'}`, () => {
      let feasibleCount = 0;
      let withZeroK = 0;
      for (let seed = 1; seed <= 40; seed++) {
        // Three instances in four have per-proposal k (mixed with the instance's), one in four only the instance's.
        const instance = assignmentInstanceSchema.parse(randomInstance(set * 1000 + seed, constraints, seed % 4 !== 0));
        if (instance.proposals.some((p) => p.k === 0)) withZeroK++;
        const result = solveAssignment(instance);
        const context = `seed ${set * 1000 + seed}`;
        expect(violations(instance, result), context).toEqual([]);
        expect(result.stats.units, context).toBe(places(instance));
        // Rounding each affinity to 10^-6 moves the optimum by at most 10^-6 per place.
        const tolerance = 1e-6 * (1 + places(instance));
        const plain = solvePlainLp(instance);
        expect(result.feasible, context).toBe(plain.feasible);
        if (plain.feasible) {
          feasibleCount++;
          expect(Math.abs(result.objective - plain.objective), context).toBeLessThan(tolerance);
        }
        // Infeasible or not: the same least slack, then the same affinity.
        const lex = solveSlackLp(instance);
        expect(slackOf(result), context).toBe(Math.round(lex.slack));
        expect(Math.abs(result.objective - lex.affinity), context).toBeLessThan(tolerance);
      }
      // The generator should exercise both verdicts, and proposals that need nobody.
      expect(feasibleCount).toBeGreaterThan(0);
      expect(feasibleCount).toBeLessThan(40);
      expect(withZeroK).toBeGreaterThan(5);
      // About 0.2 s of CPU each once warm, but the first one also warms HiGHS's WebAssembly up: on a busy machine
      // that exceeds vitest's default 5 s.
    }, 30_000);
  });

  it('is exact when affinities are multiples of 10^-6 (no rounding at all)', () => {
    for (let seed = 500; seed < 520; seed++) {
      const raw = randomInstance(seed, { onePerInstitution: true, onePerCountry: false, outsideCountry: true }, true);
      raw.candidates = raw.candidates.map((c) => ({ ...c, affinity: Math.round(c.affinity * 1e6) / 1e6 }));
      const instance = assignmentInstanceSchema.parse(raw);
      const result = solveAssignment(instance);
      const lex = solveSlackLp(instance);
      expect(Math.abs(result.objective - lex.affinity), `seed ${seed}`).toBeLessThan(1e-9);
    }
  });
});

describe('solveAssignment: conflicts and determinism', () => {
  it('never assigns a conflicting pair, even one that is also the best candidate', () => {
    const instance = assignmentInstanceSchema.parse({
      k: 1,
      proposals: [{ id: 'p1', countries: ['JP'] }],
      reviewers: [
        { id: 'r1', institution: 'a', country: 'TH', maxLoad: 1 },
        { id: 'r2', institution: 'b', country: 'VN', maxLoad: 1 },
      ],
      candidates: [
        { proposal: 'p1', reviewer: 'r1', affinity: 0.99 },
        { proposal: 'p1', reviewer: 'r2', affinity: 0.1 },
      ],
      conflicts: [{ proposal: 'p1', reviewer: 'r1' }],
    });
    const result = solveAssignment(instance);
    expect(result.assignment).toEqual([{ proposal: 'p1', reviewer: 'r2', affinity: 0.1 }]);
    for (let seed = 1; seed <= 30; seed++) {
      const random = assignmentInstanceSchema.parse(
        randomInstance(7000 + seed, { onePerInstitution: true, onePerCountry: false, outsideCountry: false }),
      );
      const conflicts = new Set(random.conflicts.map((c) => `${c.proposal}|${c.reviewer}`));
      for (const a of solveAssignment(random).assignment)
        expect(conflicts.has(`${a.proposal}|${a.reviewer}`)).toBe(false);
    }
  });

  it('gives the same assignment for the same input, ties included', () => {
    const raw = randomInstance(4242, { onePerInstitution: true, onePerCountry: false, outsideCountry: false });
    // All ties: any k-subset is optimal, so only a deterministic solver repeats itself.
    raw.candidates = raw.candidates.map((c) => ({ ...c, affinity: 0.5 }));
    const instance = assignmentInstanceSchema.parse(raw);
    const first = solveAssignment(instance);
    for (let i = 0; i < 3; i++) {
      const again = solveAssignment(JSON.parse(JSON.stringify(instance)));
      expect(again.assignment).toEqual(first.assignment);
      expect(again.objective).toBe(first.objective);
    }
  });

  it('refuses input the model cannot represent, even without the schema', () => {
    const instance = {
      k: 1,
      proposals: [{ id: 'p1', countries: ['JP'] }],
      reviewers: [
        { id: 'r1', institution: 'a', country: 'TH', maxLoad: 1 },
        { id: 'r2', institution: 'a', country: 'VN', maxLoad: 1 },
      ],
      candidates: [{ proposal: 'p1', reviewer: 'r1', affinity: 0.5 }],
    };
    expect(() => solveAssignment({ ...instance, constraints: { outsideCountry: true } })).toThrow(
      /more than one country/,
    );
    expect(solveAssignment(instance).feasible).toBe(true);
    expect(() =>
      solveAssignment({ ...instance, candidates: [{ proposal: 'p1', reviewer: 'r9', affinity: 0.5 }] }),
    ).toThrow(/unknown reviewer "r9"/);
  });

  it('reports progress, ending at 1', () => {
    const instance = assignmentInstanceSchema.parse(
      randomInstance(99, { onePerInstitution: true, onePerCountry: false, outsideCountry: false }),
    );
    const seen: number[] = [];
    solveAssignment(instance, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});
