import { describe, expect, it } from 'vitest';
import { assignmentInstanceSchema, MAX_REFERENCE_ISSUES } from './schema.js';

const base = () => ({
  k: 1,
  proposals: [{ id: 'p1', countries: ['JP'] }],
  reviewers: [
    { id: 'r1', institution: 'kyoto-u', country: 'JP', minLoad: 0, maxLoad: 2 },
    { id: 'r2', institution: 'chula', country: 'TH', maxLoad: 2 },
  ],
  candidates: [{ proposal: 'p1', reviewer: 'r1', affinity: 0.4 }],
});

function issues(input: unknown) {
  const result = assignmentInstanceSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('assignmentInstanceSchema', () => {
  it('applies the defaults: no conflicts, one per institution only, minLoad 0', () => {
    const parsed = assignmentInstanceSchema.parse(base());
    expect(parsed.conflicts).toEqual([]);
    expect(parsed.constraints).toEqual({ onePerInstitution: true, onePerCountry: false, outsideCountry: false });
    expect(parsed.reviewers[1]!.minLoad).toBe(0);
    expect(assignmentInstanceSchema.parse({ ...base(), constraints: { outsideCountry: true } }).constraints).toEqual({
      onePerInstitution: true,
      onePerCountry: false,
      outsideCountry: true,
    });
  });

  it('reports unknown proposals and reviewers with the path of the reference', () => {
    const input = {
      ...base(),
      candidates: [
        { proposal: 'p1', reviewer: 'r1', affinity: 0.4 },
        { proposal: 'p9', reviewer: 'r1', affinity: 0.4 },
        { proposal: 'p1', reviewer: 'r7', affinity: 0.4 },
      ],
      conflicts: [{ proposal: 'p1', reviewer: 'r8' }],
    };
    expect(issues(input)).toEqual([
      { path: 'candidates.1.proposal', message: 'unknown proposal "p9"' },
      { path: 'candidates.2.reviewer', message: 'unknown reviewer "r7"' },
      { path: 'conflicts.0.reviewer', message: 'unknown reviewer "r8"' },
    ]);
  });

  it('reports duplicate ids, pairs listed twice and minLoad above maxLoad', () => {
    const input = base();
    input.proposals.push({ id: 'p1', countries: [] });
    input.reviewers[0]!.minLoad = 3;
    input.candidates.push({ proposal: 'p1', reviewer: 'r1', affinity: 0.9 });
    expect(issues(input)).toEqual([
      { path: 'proposals.1.id', message: 'duplicate proposal id "p1"' },
      { path: 'reviewers.0.minLoad', message: 'minLoad 3 > maxLoad 2' },
      { path: 'candidates.1', message: 'candidate pair ("p1", "r1") is listed twice' },
    ]);
  });

  it('reports shape errors with their path', () => {
    const input = { ...base(), k: 0, candidates: [{ proposal: 'p1', reviewer: 'r1', affinity: -0.1 }] };
    const found = issues(input);
    expect(found.map((i) => i.path)).toEqual(['k', 'candidates.0.affinity']);
  });

  it("accepts a proposal's own k from 0 to 1000, and reports one out of range with its path", () => {
    const input = base();
    const withK = (k: number) => ({ ...input, proposals: [{ id: 'p1', countries: ['JP'], k }] });
    expect(assignmentInstanceSchema.parse(withK(0)).proposals[0]!.k).toBe(0);
    expect(assignmentInstanceSchema.parse(withK(1000)).proposals[0]!.k).toBe(1000);
    expect(assignmentInstanceSchema.parse(input).proposals[0]!.k).toBeUndefined();
    expect(issues(withK(1001)).map((i) => i.path)).toEqual(['proposals.0.k']);
    expect(issues(withK(-1)).map((i) => i.path)).toEqual(['proposals.0.k']);
    expect(issues(withK(1.5)).map((i) => i.path)).toEqual(['proposals.0.k']);
  });

  it('accepts reviewers without a known institution or country as the API sends them (none:<id>, ZZ)', () => {
    const input = {
      ...base(),
      reviewers: [
        ...base().reviewers,
        { id: 'r3', institution: 'none:r3', country: 'ZZ', maxLoad: 1 },
        { id: 'r4', institution: 'none:r4', country: 'ZZ', maxLoad: 1 },
      ],
    };
    for (const constraints of [{ onePerCountry: true }, { outsideCountry: true }])
      expect(assignmentInstanceSchema.safeParse({ ...input, constraints }).success).toBe(true);
  });

  it('requires an institution to be in one country when the rules nest institutions in countries', () => {
    const input = {
      ...base(),
      reviewers: [...base().reviewers, { id: 'r3', institution: 'kyoto-u', country: 'TH', maxLoad: 1 }],
    };
    expect(assignmentInstanceSchema.safeParse(input).success).toBe(true);
    expect(issues({ ...input, constraints: { onePerCountry: true } })).toEqual([
      {
        path: 'reviewers.2.country',
        message:
          'institution "kyoto-u" is in JP (reviewers.0) and TH: with onePerInstitution and onePerCountry or ' +
          'outsideCountry, an institution must be in one country',
      },
    ]);
    expect(issues({ ...input, constraints: { outsideCountry: true } })).toHaveLength(1);
    expect(
      assignmentInstanceSchema.safeParse({ ...input, constraints: { onePerInstitution: false, onePerCountry: true } })
        .success,
    ).toBe(true);
  });

  it('caps the number of reference issues', () => {
    const input = {
      ...base(),
      candidates: Array.from({ length: 200 }, (_, i) => ({ proposal: `x${i}`, reviewer: 'r1', affinity: 0.1 })),
    };
    const found = issues(input);
    expect(found).toHaveLength(MAX_REFERENCE_ISSUES + 1);
    expect(found.at(-1)).toEqual({ path: '', message: `${200 - MAX_REFERENCE_ISSUES} more reference issues` });
  });
});
