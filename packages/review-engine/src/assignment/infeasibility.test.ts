import { describe, expect, it } from 'vitest';
import { fullReason } from './report.js';
import { type AssignmentInstanceInput, assignmentInstanceSchema } from './schema.js';
import { solveAssignment } from './solve.js';

/** Reviewers r1..rn, each of its own institution (inst-rX) and the given country, maxLoad 3 unless said. */
function reviewers(n: number, country = 'VN', maxLoad = 3) {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i + 1}`,
    institution: `inst-r${i + 1}`,
    country,
    minLoad: 0,
    maxLoad,
  }));
}

/** Every listed reviewer is a candidate of every listed proposal, affinity 0.5. */
function all(proposals: string[], reviewerIds: string[], affinity = 0.5) {
  return proposals.flatMap((proposal) => reviewerIds.map((reviewer) => ({ proposal, reviewer, affinity })));
}

function solve(instance: AssignmentInstanceInput) {
  return solveAssignment(assignmentInstanceSchema.parse(instance));
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
const loadOf = (result: ReturnType<typeof solve>, key: 'proposal' | 'reviewer', id: string) =>
  result.assignment.filter((a) => a[key] === id).length;

describe('infeasibility report', () => {
  it('names the proposal with too few candidates without a conflict, and still fills the others', () => {
    const rs = reviewers(6);
    const result = solve({
      k: 2,
      proposals: [
        { id: 'p1', countries: ['JP'] },
        { id: 'p2', countries: ['JP'] },
        { id: 'p3', countries: ['JP'] },
      ],
      reviewers: rs,
      candidates: [...all(['p1', 'p3'], ['r1', 'r2', 'r3', 'r4']), ...all(['p2'], ['r4', 'r5', 'r6'])],
      conflicts: [
        { proposal: 'p2', reviewer: 'r5' },
        { proposal: 'p2', reviewer: 'r6' },
      ],
    });
    expect(result.feasible).toBe(false);
    expect(result.infeasibility.proposals).toEqual([
      {
        id: 'p2',
        assigned: 1,
        required: 2,
        code: 'too_few_candidates',
        params: { usable: 1, candidates: 3, conflicted: 2, required: 2 },
        reason: 'only 1 candidate without a conflict (2 of 3 have a conflict)',
        otherCauses: [],
      },
    ]);
    expect(result.infeasibility.reviewers).toEqual([]);
    expect(result.infeasibility.global).toEqual([]);
    expect(loadOf(result, 'proposal', 'p1')).toBe(2);
    expect(loadOf(result, 'proposal', 'p3')).toBe(2);
    expect(result.assignment).toContainEqual({ proposal: 'p2', reviewer: 'r4', affinity: 0.5 });
  });

  it('names the proposal whose candidates come from too few institutions', () => {
    const rs = reviewers(6).map((r, i) => (i < 3 ? { ...r, institution: 'kyoto-u' } : r));
    const result = solve({
      k: 2,
      proposals: [
        { id: 'p1', countries: ['JP'] },
        { id: 'p2', countries: ['JP'] },
      ],
      reviewers: rs,
      candidates: [...all(['p1'], ['r1', 'r2', 'r3']), ...all(['p2'], ['r2', 'r4', 'r5', 'r6'])],
    });
    expect(ids(result.infeasibility.proposals)).toEqual(['p1']);
    expect(result.infeasibility.proposals[0]).toMatchObject({
      assigned: 1,
      required: 2,
      code: 'too_few_institutions',
      params: { institutions: 1, required: 2 },
      reason: 'candidates come from only 1 institution (one per institution)',
    });
    expect(result.infeasibility.reviewers).toEqual([]);
  });

  it('names the proposal whose candidates come from too few countries with onePerCountry', () => {
    const rs = reviewers(4).map((r, i) => ({ ...r, country: i < 3 ? 'TH' : 'MY' }));
    const result = solve({
      k: 2,
      proposals: [{ id: 'p1', countries: ['JP'] }],
      reviewers: rs,
      candidates: all(['p1'], ['r1', 'r2', 'r3']),
      constraints: { onePerCountry: true },
    });
    expect(result.infeasibility.proposals).toEqual([
      {
        id: 'p1',
        assigned: 1,
        required: 2,
        code: 'too_few_countries',
        params: { countries: 1, required: 2 },
        reason: 'candidates come from only 1 country (one per country)',
        otherCauses: [],
      },
    ]);
  });

  it('names the proposal without a candidate from outside its consortium countries', () => {
    const rs = reviewers(5).map((r, i) => ({ ...r, country: i < 3 ? 'JP' : 'MY' }));
    const result = solve({
      k: 2,
      proposals: [
        { id: 'p1', countries: ['JP', 'TH'] },
        { id: 'p2', countries: ['JP', 'TH'] },
        { id: 'p3', countries: ['MY'] },
      ],
      reviewers: rs,
      // p1's only outside candidate (r4) has a conflict; p2 has r5 from Malaysia; p3's candidates are in Japan.
      candidates: [
        ...all(['p1'], ['r1', 'r2', 'r4']),
        ...all(['p2'], ['r1', 'r2', 'r5']),
        ...all(['p3'], ['r1', 'r2']),
      ],
      conflicts: [{ proposal: 'p1', reviewer: 'r4' }],
      constraints: { outsideCountry: true },
    });
    expect(result.infeasibility.proposals).toEqual([
      {
        id: 'p1',
        assigned: 1,
        required: 2,
        code: 'no_outside_candidate',
        params: { countries: 'JP, TH' },
        reason: 'no candidate without a conflict from outside the consortium countries (JP, TH)',
        otherCauses: [],
      },
    ]);
    // The empty place is the outside one: p1 keeps one reviewer from inside, never two.
    expect(loadOf(result, 'proposal', 'p1')).toBe(1);
    expect(loadOf(result, 'proposal', 'p2')).toBe(2);
    expect(result.assignment).toContainEqual({ proposal: 'p2', reviewer: 'r5', affinity: 0.5 });
  });

  it("reports the reviewers' total capacity, and leaves the place that costs least affinity empty", () => {
    const rs = reviewers(4, 'VN', 1);
    const result = solve({
      k: 1,
      proposals: ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id, countries: ['JP'] })),
      reviewers: rs,
      candidates: [
        ...all(['p1', 'p2', 'p4', 'p5'], ['r1', 'r2', 'r3', 'r4'], 0.8),
        ...all(['p3'], ['r1', 'r2', 'r3', 'r4'], 0.2),
      ],
    });
    expect(result.infeasibility.global).toEqual([
      {
        code: 'total_capacity_short',
        params: { capacity: 4, places: 5, proposals: 5 },
        reason: 'the reviewers can take 4 reviews in all (sum of maxLoad), but the 5 proposals need 5 (sum of their k)',
      },
    ]);
    expect(ids(result.infeasibility.proposals)).toEqual(['p3']);
    expect(result.infeasibility.proposals[0]).toMatchObject({
      code: 'capacity_taken',
      params: { usable: 4, required: 1 },
      reason:
        'its 4 candidates cannot give it 1 reviewer: their capacity (maxLoad) is taken by proposals that have no ' +
        'other choice',
    });
    expect(result.objective).toBeCloseTo(3.2, 12);
  });

  it('names the reviewer whose minLoad cannot be met', () => {
    const rs = reviewers(4);
    rs[3] = { ...rs[3]!, minLoad: 2 };
    const result = solve({
      k: 2,
      proposals: ['p1', 'p2', 'p3'].map((id) => ({ id, countries: ['JP'] })),
      reviewers: rs,
      candidates: [...all(['p1', 'p2', 'p3'], ['r1', 'r2', 'r3']), ...all(['p1', 'p2'], ['r4'])],
      conflicts: [{ proposal: 'p2', reviewer: 'r4' }],
    });
    expect(result.infeasibility.proposals).toEqual([]);
    expect(result.infeasibility.reviewers).toEqual([
      {
        id: 'r4',
        assigned: 1,
        minLoad: 2,
        code: 'too_few_candidate_proposals',
        params: { usable: 1, minLoad: 2, conflicted: 1, needNobody: 0 },
        reason: 'only 1 candidate proposal without a conflict',
      },
    ]);
  });

  it("reports a total minimum load larger than the places, naming as few reviewers as can't be helped", () => {
    const rs = reviewers(3).map((r) => ({ ...r, minLoad: 1 }));
    const result = solve({
      k: 1,
      proposals: ['p1', 'p2'].map((id) => ({ id, countries: ['JP'] })),
      reviewers: rs,
      candidates: [...all(['p1', 'p2'], ['r1', 'r2'], 0.9), ...all(['p1', 'p2'], ['r3'], 0.1)],
    });
    expect(result.infeasibility.global).toEqual([
      {
        code: 'total_min_load_excess',
        params: { minLoad: 3, places: 2, proposals: 2 },
        reason:
          'the reviewers must take 3 reviews in all (sum of minLoad), but the 2 proposals need only 2 (sum of their k)',
      },
    ]);
    // One reviewer must stay idle: the one whose affinities are lowest.
    expect(result.infeasibility.reviewers).toEqual([
      {
        id: 'r3',
        assigned: 0,
        minLoad: 1,
        code: 'places_taken',
        params: { usable: 2, minLoad: 1, rule: 'onePerInstitution' },
        reason:
          'none of its 2 candidate proposals can take it: their places go to other reviewers, or it would be a ' +
          'second reviewer from its institution there',
      },
    ]);
    expect(result.infeasibility.proposals).toEqual([]);
    expect(result.objective).toBeCloseTo(1.8, 12);
  });

  it('names a proposal without any candidate', () => {
    const result = solve({
      k: 1,
      proposals: [
        { id: 'p1', countries: [] },
        { id: 'p2', countries: [] },
      ],
      reviewers: reviewers(2),
      candidates: all(['p1'], ['r1', 'r2']),
    });
    expect(result.infeasibility.proposals).toEqual([
      {
        id: 'p2',
        assigned: 0,
        required: 1,
        code: 'no_candidates',
        params: { required: 1 },
        reason: 'no candidates',
        otherCauses: [],
      },
    ]);
    expect(result.assignment).toHaveLength(1);
  });

  it('reports nothing when the instance is feasible', () => {
    const result = solve({
      k: 2,
      proposals: ['p1', 'p2'].map((id) => ({ id, countries: ['JP'] })),
      reviewers: reviewers(3),
      candidates: all(['p1', 'p2'], ['r1', 'r2', 'r3']),
    });
    expect(result.feasible).toBe(true);
    expect(result.infeasibility).toEqual({ proposals: [], reviewers: [], global: [] });
    expect(result.assignment).toHaveLength(4);
  });
});

describe('infeasibility report: more causes', () => {
  it('gives both causes when a proposal has too few candidates and none from outside', () => {
    const rs = reviewers(3).map((r) => ({ ...r, country: 'JP' }));
    const result = solve({
      k: 3,
      proposals: [{ id: 'p1', countries: ['JP'] }],
      reviewers: rs,
      candidates: all(['p1'], ['r1', 'r2']),
      constraints: { outsideCountry: true },
    });
    const [shortfall] = result.infeasibility.proposals;
    expect(shortfall).toMatchObject({
      id: 'p1',
      assigned: 2,
      required: 3,
      code: 'too_few_candidates',
      params: { usable: 2, candidates: 2, conflicted: 0, required: 3 },
      reason: 'only 2 candidates without a conflict',
      otherCauses: [
        {
          code: 'no_outside_candidate',
          params: { countries: 'JP' },
          reason: 'no candidate without a conflict from outside the consortium countries (JP)',
        },
      ],
    });
    expect(fullReason(shortfall!)).toBe(
      'only 2 candidates without a conflict; no candidate without a conflict from outside the consortium countries (JP)',
    );
  });

  it('names the proposal whose candidates have no capacity left (maxLoad 0)', () => {
    const rs = reviewers(3).map((r, i) => ({ ...r, maxLoad: i < 2 ? 0 : 3 }));
    const result = solve({
      k: 2,
      proposals: [{ id: 'p1', countries: ['JP'] }],
      reviewers: rs,
      candidates: all(['p1'], ['r1', 'r2', 'r3']),
    });
    expect(result.infeasibility.proposals).toEqual([
      {
        id: 'p1',
        assigned: 1,
        required: 2,
        code: 'too_few_with_capacity',
        params: { withCapacity: 1, usable: 3, required: 2 },
        reason: 'only 1 of its 3 candidates without a conflict can take a review (maxLoad > 0)',
        otherCauses: [],
      },
    ]);
  });
});

describe('per-proposal k', () => {
  it("fills each proposal's own k jointly, and gives nobody to a proposal with k = 0", () => {
    const rs = reviewers(3, 'VN', 1);
    const result = solve({
      k: 1,
      proposals: [
        { id: 'p1', countries: ['JP'] },
        { id: 'p2', countries: ['JP'], k: 2 },
        { id: 'p3', countries: ['JP'], k: 0 },
      ],
      reviewers: rs,
      candidates: [
        { proposal: 'p1', reviewer: 'r1', affinity: 0.9 },
        { proposal: 'p1', reviewer: 'r2', affinity: 0.1 },
        { proposal: 'p2', reviewer: 'r1', affinity: 0.8 },
        { proposal: 'p2', reviewer: 'r2', affinity: 0.7 },
        { proposal: 'p2', reviewer: 'r3', affinity: 0.6 },
        { proposal: 'p3', reviewer: 'r1', affinity: 1 },
      ],
    });
    expect(result.feasible).toBe(true);
    // Solving p2 first (r1 and r2, 1.5) would leave p1 without a reviewer; the joint optimum gives p1 its best, r1.
    expect(result.assignment).toEqual([
      { proposal: 'p1', reviewer: 'r1', affinity: 0.9 },
      { proposal: 'p2', reviewer: 'r2', affinity: 0.7 },
      { proposal: 'p2', reviewer: 'r3', affinity: 0.6 },
    ]);
    expect(result.stats.units).toBe(3);
  });

  it("reports required = the proposal's k and checks the total capacity against the sum of the k", () => {
    const result = solve({
      k: 1,
      proposals: [
        { id: 'p1', countries: ['JP'], k: 2 },
        { id: 'p2', countries: ['JP'] },
        { id: 'p3', countries: ['JP'], k: 0 },
        { id: 'p4', countries: ['JP'], k: 1 },
      ],
      reviewers: reviewers(3, 'VN', 1),
      candidates: [
        ...all(['p1'], ['r1', 'r2', 'r3'], 0.9),
        ...all(['p2'], ['r1', 'r2', 'r3'], 0.8),
        ...all(['p3'], ['r1', 'r2', 'r3'], 1),
        ...all(['p4'], ['r1', 'r2', 'r3'], 0.2),
      ],
    });
    expect(result.infeasibility.global).toEqual([
      {
        code: 'total_capacity_short',
        params: { capacity: 3, places: 4, proposals: 3 },
        reason: 'the reviewers can take 3 reviews in all (sum of maxLoad), but the 3 proposals need 4 (sum of their k)',
      },
    ]);
    expect(result.infeasibility.proposals).toMatchObject([
      { id: 'p4', assigned: 0, required: 1, code: 'capacity_taken' },
    ]);
    expect(loadOf(result, 'proposal', 'p1')).toBe(2);
    expect(loadOf(result, 'proposal', 'p2')).toBe(1);
    expect(loadOf(result, 'proposal', 'p3')).toBe(0);
  });

  it('asks for an outside reviewer only on proposals that need someone', () => {
    const rs = reviewers(3, 'VN');
    rs[2] = { ...rs[2]!, country: 'TH' };
    const result = solve({
      k: 2,
      proposals: [
        { id: 'p1', countries: ['VN'], k: 0 },
        { id: 'p2', countries: ['VN'], k: 1 },
        { id: 'p3', countries: ['VN'] },
      ],
      reviewers: rs,
      // p1 and p2 have only candidates from the consortium's country; p3 has r3 from Thailand.
      candidates: [...all(['p1', 'p2'], ['r1', 'r2']), ...all(['p3'], ['r1', 'r3'])],
      constraints: { outsideCountry: true },
    });
    // With k = 1 the one place is the outside one: p2 stays empty. p1 needs nobody, from outside or not.
    expect(result.infeasibility.proposals).toEqual([
      {
        id: 'p2',
        assigned: 0,
        required: 1,
        code: 'no_outside_candidate',
        params: { countries: 'VN' },
        reason: 'no candidate without a conflict from outside the consortium countries (VN)',
        otherCauses: [],
      },
    ]);
    expect(loadOf(result, 'proposal', 'p1')).toBe(0);
    expect(loadOf(result, 'proposal', 'p3')).toBe(2);
  });

  it('does not count proposals with k = 0 among the places a reviewer with a minLoad can take', () => {
    const rs = reviewers(3);
    rs[2] = { ...rs[2]!, minLoad: 2 };
    const result = solve({
      k: 1,
      proposals: [
        { id: 'p1', countries: ['JP'] },
        { id: 'p2', countries: ['JP'], k: 0 },
        { id: 'p3', countries: ['JP'], k: 0 },
      ],
      reviewers: rs,
      candidates: all(['p1', 'p2', 'p3'], ['r1', 'r2', 'r3']),
    });
    expect(result.infeasibility.global).toMatchObject([
      { code: 'total_min_load_excess', params: { minLoad: 2, places: 1, proposals: 1 } },
    ]);
    expect(result.infeasibility.reviewers).toEqual([
      {
        id: 'r3',
        assigned: 1,
        minLoad: 2,
        code: 'too_few_candidate_proposals',
        params: { usable: 1, minLoad: 2, conflicted: 0, needNobody: 2 },
        reason:
          'only 1 candidate proposal without a conflict that needs reviewers (not counting 2 proposals with k = 0)',
      },
    ]);
  });

  it('refuses a k out of range, even without the schema', () => {
    const instance = {
      k: 1,
      proposals: [{ id: 'p1', countries: [], k: -1 }],
      reviewers: reviewers(1),
      candidates: [],
    };
    expect(() => solveAssignment(instance)).toThrow(/proposals\[0\]: k must be an integer from 0 to 1000/);
    expect(() => solveAssignment({ ...instance, proposals: [{ id: 'p1', k: 1.5 }] })).toThrow(/k must be an integer/);
  });
});
