import { describe, expect, it } from 'vitest';
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
      { id: 'p2', assigned: 1, required: 2, reason: 'only 1 candidate without a conflict (2 of 3 have a conflict)' },
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
    expect(result.infeasibility.proposals[0]).toMatchObject({ assigned: 1, required: 2 });
    expect(result.infeasibility.proposals[0]!.reason).toBe(
      'candidates come from only 1 institution (one per institution)',
    );
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
      { id: 'p1', assigned: 1, required: 2, reason: 'candidates come from only 1 country (one per country)' },
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
        reason: 'no candidate without a conflict from outside the consortium countries (JP, TH)',
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
      'the reviewers can take 4 reviews in all (sum of maxLoad), but 5 proposals × k = 1 need 5',
    ]);
    expect(ids(result.infeasibility.proposals)).toEqual(['p3']);
    expect(result.infeasibility.proposals[0]!.reason).toMatch(/capacity \(maxLoad\) is taken/);
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
      { id: 'r4', assigned: 1, minLoad: 2, reason: 'only 1 candidate proposal without a conflict' },
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
      'the reviewers must take 3 reviews in all (sum of minLoad), but 2 proposals × k = 1 have only 2 places',
    ]);
    // One reviewer must stay idle: the one whose affinities are lowest.
    expect(result.infeasibility.reviewers).toEqual([
      {
        id: 'r3',
        assigned: 0,
        minLoad: 1,
        reason:
          'none of its 2 candidate proposals can take it: their places (k = 1) go to other reviewers, or it would ' +
          'be a second reviewer from its institution there',
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
    expect(result.infeasibility.proposals).toEqual([{ id: 'p2', assigned: 0, required: 1, reason: 'no candidates' }]);
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
