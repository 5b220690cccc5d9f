import fc from 'fast-check';
import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { decideFunding, type FundingEnvelope, type FundingProposal, type FundingResult } from './funding.js';
import { minorToMoney, moneyToMinor } from './money.js';

const cents = (n: number) => minorToMoney(BigInt(n));

/** Checks that the funded set is within every envelope and the reported budgets add up (in BigInt). */
function expectConsistent(
  envelopes: readonly FundingEnvelope[],
  proposals: readonly FundingProposal[],
  r: FundingResult,
) {
  const funded = new Set(r.funded);
  r.agencies.forEach((budget, a) => {
    const envelope = envelopes[a] as FundingEnvelope;
    let committed = 0n;
    for (const p of proposals) {
      if (!funded.has(p.id)) continue;
      for (const q of p.requests) if (q.agency === envelope.agency) committed += moneyToMinor(q.amount);
    }
    expect(budget.committed).toBe(minorToMoney(committed));
    expect(moneyToMinor(budget.remaining)).toBe(moneyToMinor(envelope.amount) - committed);
    expect(moneyToMinor(budget.remaining) >= 0n).toBe(true);
  });
}

describe('decideFunding on hand-made cases', () => {
  it('beats greedy-by-merit when the top proposal crowds out two good ones', () => {
    const envelopes = [{ agency: 'JST', amount: '100.00' }];
    const proposals: FundingProposal[] = [
      { id: 'A', merit: 90, requests: [{ agency: 'JST', amount: '60' }] },
      { id: 'B', merit: 80, requests: [{ agency: 'JST', amount: '50' }] },
      { id: 'C', merit: 70, requests: [{ agency: 'JST', amount: '50' }] },
    ];
    const r = decideFunding(envelopes, proposals);
    expect(r.optimal).toBe(true);
    expect(r.funded).toEqual(['B', 'C']);
    expect(r.totalMerit).toBe(150);
    const a = r.decisions[0];
    expect(a).toMatchObject({ id: 'A', rank: 1, status: 'exceedsEnvelope', funded: false, skippedAboveLine: true });
    expect(a?.exceeds).toEqual([{ agency: 'JST', requested: '60.00', remaining: '0.00', exceededBy: '60.00' }]);
    expect(a?.summary).toContain('JST');
    expect(r.agencies).toEqual([{ agency: 'JST', envelope: '100.00', committed: '100.00', remaining: '0.00' }]);
  });

  it('names only the envelopes a skipped proposal would exceed, with exact amounts', () => {
    const envelopes = [
      { agency: 'JST', amount: '1000' },
      { agency: 'NRCT', amount: '500' },
      { agency: 'BRIN', amount: '500' },
    ];
    const proposals: FundingProposal[] = [
      {
        id: 'A',
        merit: 95,
        requests: [
          { agency: 'JST', amount: '300' },
          { agency: 'NRCT', amount: '450.50' },
          { agency: 'BRIN', amount: '50' },
        ],
      },
      {
        id: 'B',
        merit: 90,
        requests: [
          { agency: 'JST', amount: '400' },
          { agency: 'NRCT', amount: '250' },
        ],
      },
      {
        id: 'C',
        merit: 85,
        requests: [
          { agency: 'JST', amount: '400' },
          { agency: 'NRCT', amount: '200' },
          { agency: 'BRIN', amount: '100' },
        ],
      },
      { id: 'D', merit: 40, requests: [{ agency: 'BRIN', amount: '99.99' }] },
    ];
    const r = decideFunding(envelopes, proposals);
    // Greedy would fund A then D (135); B + C + D is worth 215.
    expect(r.funded).toEqual(['B', 'C', 'D']);
    const a = r.decisions.find((d) => d.id === 'A');
    // JST has 200 left, NRCT 50: A's 300 and 450.50 exceed both; its 50 from BRIN would fit.
    expect(a?.exceeds).toEqual([
      { agency: 'JST', requested: '300.00', remaining: '200.00', exceededBy: '100.00' },
      { agency: 'NRCT', requested: '450.50', remaining: '50.00', exceededBy: '400.50' },
    ]);
    expect(a?.skippedAboveLine).toBe(true);
    expect(r.agencies).toEqual([
      { agency: 'JST', envelope: '1000.00', committed: '800.00', remaining: '200.00' },
      { agency: 'NRCT', envelope: '500.00', committed: '450.00', remaining: '50.00' },
      { agency: 'BRIN', envelope: '500.00', committed: '199.99', remaining: '300.01' },
    ]);
  });

  it('adds money exactly (0.1 + 0.2 fits an envelope of 0.3)', () => {
    const envelopes = [{ agency: 'X', amount: '0.3' }];
    const proposals: FundingProposal[] = [
      { id: 'a', merit: 3, requests: [{ agency: 'X', amount: '0.1' }] },
      { id: 'b', merit: 2, requests: [{ agency: 'X', amount: '0.2' }] },
      {
        id: 'c',
        merit: 1,
        requests: [
          { agency: 'X', amount: '0.1' },
          { agency: 'X', amount: '0.1' },
          { agency: 'X', amount: '0.1' },
        ],
      },
    ];
    const r = decideFunding(envelopes, proposals);
    expect(r.funded).toEqual(['a', 'b']);
    expect(r.agencies[0]).toEqual({ agency: 'X', envelope: '0.30', committed: '0.30', remaining: '0.00' });
    const c = r.decisions.find((d) => d.id === 'c');
    expect(c?.exceeds).toEqual([{ agency: 'X', requested: '0.30', remaining: '0.00', exceededBy: '0.30' }]);
    expect(c?.skippedAboveLine).toBe(false);
  });

  it('breaks ties of total merit in favour of the best-ranked proposals', () => {
    const envelopes = [{ agency: 'X', amount: '100' }];
    // {A} and {B, C} are both worth 5: A ranks first, so {A}.
    const r = decideFunding(envelopes, [
      { id: 'C', merit: 2, requests: [{ agency: 'X', amount: '50' }] },
      { id: 'B', merit: 3, requests: [{ agency: 'X', amount: '50' }] },
      { id: 'A', merit: 5, requests: [{ agency: 'X', amount: '100' }] },
    ]);
    expect(r.funded).toEqual(['A']);
    // Equal merits rank by id.
    const s = decideFunding(envelopes, [
      { id: 'q', merit: 7, requests: [{ agency: 'X', amount: '100' }] },
      { id: 'p', merit: 7, requests: [{ agency: 'X', amount: '100' }] },
    ]);
    expect(s.funded).toEqual(['p']);
    expect(s.decisions.map((d) => [d.id, d.rank])).toEqual([
      ['p', 1],
      ['q', 2],
    ]);
  });

  it('explains ineligible, below-minimum and zero-merit proposals, and funds those that request nothing', () => {
    const envelopes = [{ agency: 'X', amount: '10' }];
    const r = decideFunding(
      envelopes,
      [
        { id: 'inel', merit: 99, requests: [{ agency: 'X', amount: '1' }], eligibleForFunding: false },
        { id: 'low', merit: 40, requests: [{ agency: 'X', amount: '1' }] },
        { id: 'zero', merit: 0, requests: [] },
        { id: 'nothing', merit: 60, requests: [{ agency: 'X', amount: '0' }] },
        { id: 'ok', merit: 70, requests: [{ agency: 'X', amount: '10' }] },
      ],
      { minMerit: 50 },
    );
    const status = Object.fromEntries(r.decisions.map((d) => [d.id, d.status]));
    expect(status).toEqual({
      inel: 'ineligible',
      ok: 'funded',
      nothing: 'funded',
      low: 'belowMinMerit',
      zero: 'belowMinMerit',
    });
    expect(r.decisions.find((d) => d.id === 'inel')?.skippedAboveLine).toBe(true);
    expect(r.decisions.find((d) => d.id === 'low')?.summary).toContain('below the minimum 50');
    const noMin = decideFunding(envelopes, [{ id: 'zero', merit: 0, requests: [] }]);
    expect(noMin.decisions[0]?.status).toBe('nonPositiveMerit');
  });

  it('never funds a proposal whose request alone exceeds an envelope', () => {
    const r = decideFunding(
      [{ agency: 'X', amount: '10' }],
      [{ id: 'big', merit: 90, requests: [{ agency: 'X', amount: '10.01' }] }],
    );
    expect(r.funded).toEqual([]);
    expect(r.decisions[0]?.exceeds).toEqual([
      { agency: 'X', requested: '10.01', remaining: '10.00', exceededBy: '0.01' },
    ]);
  });

  it('returns the best set found, completed and flagged not optimal, when the node limit is reached', () => {
    const envelopes = [{ agency: 'JST', amount: '100' }];
    const proposals: FundingProposal[] = [
      { id: 'A', merit: 90, requests: [{ agency: 'JST', amount: '60' }] },
      { id: 'B', merit: 80, requests: [{ agency: 'JST', amount: '50' }] },
      { id: 'C', merit: 70, requests: [{ agency: 'JST', amount: '50' }] },
      { id: 'D', merit: 10, requests: [{ agency: 'JST', amount: '40' }] },
    ];
    const r = decideFunding(envelopes, proposals, { nodeLimit: 2 });
    expect(r.optimal).toBe(false);
    expect(r.nodes).toBe(2);
    expectConsistent(envelopes, proposals, r);
    // Maximal: every proposal left out exceeds an envelope.
    for (const d of r.decisions) if (!d.funded) expect(d.exceeds.length).toBeGreaterThan(0);
    expect(decideFunding(envelopes, proposals).optimal).toBe(true);
  });

  it('refuses malformed amounts, unknown agencies, duplicates and non-finite merits', () => {
    const envelopes = [{ agency: 'X', amount: '10' }];
    const one = (amount: string) => [{ id: 'a', merit: 1, requests: [{ agency: 'X', amount }] }];
    expect(() => decideFunding(envelopes, one('1.234'))).toThrow(/at most 2 decimals/);
    expect(() => decideFunding(envelopes, one('-1'))).toThrow(RangeError);
    expect(() => decideFunding(envelopes, one('1e3'))).toThrow(RangeError);
    expect(() => decideFunding([{ agency: 'X', amount: '0.001' }], [])).toThrow(RangeError);
    expect(() => decideFunding([...envelopes, ...envelopes], [])).toThrow(/two envelopes/);
    expect(() => decideFunding(envelopes, [{ id: 'a', merit: 1, requests: [{ agency: 'Y', amount: '1' }] }])).toThrow(
      /no envelope/,
    );
    expect(() => decideFunding(envelopes, [...one('1'), ...one('1')])).toThrow(/duplicate/);
    expect(() => decideFunding(envelopes, [{ id: 'a', merit: Number.NaN, requests: [] }])).toThrow(RangeError);
  });
});

describe('money', () => {
  it('converts decimal strings to minor units and back', () => {
    expect(moneyToMinor('0')).toBe(0n);
    expect(moneyToMinor('12.3')).toBe(1230n);
    expect(moneyToMinor('999999999999999.99')).toBe(99999999999999999n);
    expect(minorToMoney(1230n)).toBe('12.30');
    expect(minorToMoney(5n)).toBe('0.05');
    expect(minorToMoney(-5n)).toBe('-0.05');
    for (const bad of ['', '.5', '5.', '012', '1,000', ' 1', '1.001', 'NaN']) expect(() => moneyToMinor(bad)).toThrow();
  });
});

// ---- Random cases against independent solvers ----

interface Instance {
  envelopes: FundingEnvelope[];
  proposals: FundingProposal[];
}

/** The optimum by enumeration, with the same tie rule: most micro-points, then best ranks first. */
function bruteForce({ envelopes, proposals }: Instance): string[] {
  const ranked = [...proposals].sort((a, b) => b.merit - a.merit || (a.id < b.id ? -1 : 1));
  const cap = envelopes.map((e) => moneyToMinor(e.amount));
  const need = ranked.map((p) =>
    envelopes.map((e) =>
      p.requests.filter((q) => q.agency === e.agency).reduce((s, q) => s + moneyToMinor(q.amount), 0n),
    ),
  );
  let best = -1;
  let bestKey = '';
  let bestSet: string[] = [];
  for (let mask = 0; mask < 1 << ranked.length; mask++) {
    const used = cap.map(() => 0n);
    let points = 0;
    let key = '';
    let ok = true;
    for (let i = 0; i < ranked.length && ok; i++) {
      const take = (mask >> i) & 1;
      key += take ? '1' : '0';
      if (!take) continue;
      const p = ranked[i] as FundingProposal;
      if (p.merit <= 0) ok = false;
      points += Math.round(p.merit * 1e6);
      need[i]?.forEach((n, a) => {
        used[a] = (used[a] as bigint) + n;
        if ((used[a] as bigint) > (cap[a] as bigint)) ok = false;
      });
    }
    if (!ok) continue;
    if (points > best || (points === best && key > bestKey)) {
      best = points;
      bestKey = key;
      bestSet = ranked.filter((_, i) => (mask >> i) & 1).map((p) => p.id);
    }
  }
  return bestSet;
}

const instanceArbitrary = fc
  .record({
    agencies: fc.integer({ min: 1, max: 4 }),
    envelopeCents: fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 4, maxLength: 4 }),
    proposals: fc.array(
      fc.record({
        // Few distinct merits, so that ties of total merit happen often; some with decimals.
        merit: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(0.1, 0.2, 0.3, 2.5, 73.25)),
        requests: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12_000 })), {
          maxLength: 3,
        }),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ agencies, envelopeCents, proposals }): Instance => {
    const names = ['JST', 'NRCT', 'BRIN', 'DOST'].slice(0, agencies);
    return {
      envelopes: names.map((agency, a) => ({ agency, amount: cents(envelopeCents[a] as number) })),
      proposals: proposals.map((p, i) => ({
        id: `p${String(i).padStart(2, '0')}`,
        merit: p.merit,
        requests: p.requests.map(([a, amount]) => ({ agency: names[a % agencies] as string, amount: cents(amount) })),
      })),
    };
  });

describe('decideFunding against brute force (≤ 14 proposals)', () => {
  it('funds exactly the optimal set, ties included, and explains every skipped proposal', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const r = decideFunding(instance.envelopes, instance.proposals);
        expect(r.optimal).toBe(true);
        expect([...r.funded].sort()).toEqual(bruteForce(instance).sort());
        expectConsistent(instance.envelopes, instance.proposals, r);
        for (const d of r.decisions) {
          if (d.status === 'exceedsEnvelope') {
            expect(d.exceeds.length).toBeGreaterThan(0);
            for (const e of d.exceeds) {
              const budget = r.agencies.find((b) => b.agency === e.agency);
              expect(e.remaining).toBe(budget?.remaining);
              expect(moneyToMinor(e.requested) - moneyToMinor(e.remaining)).toBe(moneyToMinor(e.exceededBy));
              expect(moneyToMinor(e.exceededBy) > 0n).toBe(true);
            }
          }
        }
      }),
      { numRuns: 400, seed: 20_240_601 },
    );
  });
});

describe('decideFunding against the HiGHS MIP solver (40 proposals, 4 agencies)', () => {
  function randomInstance(seed: number): Instance {
    const random = createRandom(seed);
    const agencies = ['JST', 'NRCT', 'BRIN', 'DOST'];
    const proposals = Array.from({ length: 40 }, (_, i): FundingProposal => {
      // Every proposal has a Japanese partner and one or two ASEAN partners.
      const partners = ['JST', agencies[1 + random.int(3)] as string];
      if (random.next() < 0.3) partners.push(agencies[1 + random.int(3)] as string);
      return {
        id: `p${String(i).padStart(2, '0')}`,
        merit: Math.round((40 + random.next() * 60) * 100) / 100,
        requests: partners.map((agency) => ({ agency, amount: cents(1_000_000 + random.int(9_000_000)) })),
      };
    });
    // Envelopes cover about a third of the demand.
    const envelopes = agencies.map((agency) => {
      let demand = 0n;
      for (const p of proposals) for (const q of p.requests) if (q.agency === agency) demand += moneyToMinor(q.amount);
      return { agency, amount: minorToMoney(demand / 3n) };
    });
    return { envelopes, proposals };
  }

  function highsLp({ envelopes, proposals }: Instance): string {
    const objective = proposals.map((p, i) => `${p.merit} x${i}`).join(' + ');
    const rows = envelopes.map((e, a) => {
      const terms = proposals.flatMap((p, i) =>
        p.requests.filter((q) => q.agency === e.agency).map((q) => `${moneyToMinor(q.amount)} x${i}`),
      );
      return ` c${a}: ${terms.join(' + ')} <= ${moneyToMinor(e.amount)}`;
    });
    return [
      'Maximize',
      ` obj: ${objective}`,
      'Subject To',
      ...rows,
      'Binary',
      ` ${proposals.map((_, i) => `x${i}`).join(' ')}`,
      'End',
    ].join('\n');
  }

  it('reaches the same optimal total merit', async () => {
    // highs is CommonJS: depending on the interop, the loader is `default` or `default.default`.
    type Loader = () => Promise<Highs>;
    const loaded = (await import('highs')) as unknown as { default: Loader | { default: Loader } };
    const highs = await (typeof loaded.default === 'function' ? loaded.default : loaded.default.default)();
    // Three instances: HiGHS (WebAssembly, not yet optimised by V8 on its first solves) needs about a second each.
    for (const seed of [4, 5, 8]) {
      const instance = randomInstance(seed);
      const r = decideFunding(instance.envelopes, instance.proposals);
      expect(r.optimal).toBe(true);
      expectConsistent(instance.envelopes, instance.proposals, r);
      const solution = highs.solve(highsLp(instance), { mip_rel_gap: 0, mip_abs_gap: 0 });
      expect(solution.Status).toBe('Optimal');
      expect(r.totalMerit).toBeCloseTo(solution.ObjectiveValue, 6);
    }
  }, 20_000);
});
