import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { type CalibrationResult, calibrateScores, type Review } from './calibrate.js';
import { syntheticReviews } from './synthetic.js';

/** Ranks with ties averaged (for Spearman). */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const rank = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) rank[order[k]?.[1] as number] = (i + j) / 2;
    i = j + 1;
  }
  return rank;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    const y = b[i] as number;
    ab += (x - ma) * (y - mb);
    aa += (x - ma) ** 2;
    bb += (y - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

const spearman = (a: readonly number[], b: readonly number[]) => pearson(averageRanks(a), averageRanks(b));

function agreement(result: CalibrationResult, quality: ReadonlyMap<string, number>) {
  const truth = result.proposals.map((p) => quality.get(p.proposal) as number);
  return {
    raw: spearman(
      result.proposals.map((p) => p.rawMean),
      truth,
    ),
    calibrated: spearman(
      result.proposals.map((p) => p.calibrated),
      truth,
    ),
  };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('calibrateScores on synthetic reviews with a known truth', () => {
  it('ranks proposals closer to their true quality than the raw mean, for every seed', () => {
    const gains: number[] = [];
    for (const seed of SEEDS) {
      const { reviews, truth } = syntheticReviews({ proposals: 300, reviewers: 100, reviewsPerProposal: 3, seed });
      const { raw, calibrated } = agreement(calibrateScores(reviews), truth.quality);
      expect(calibrated, `seed ${seed}`).toBeGreaterThan(raw + 0.02);
      gains.push(calibrated - raw);
    }
    const meanGain = gains.reduce((a, b) => a + b, 0) / gains.length;
    expect(meanGain).toBeGreaterThan(0.04);
  });

  it('estimates offsets that correlate with the true leniency of reviewers', () => {
    for (const seed of SEEDS) {
      const { reviews, truth } = syntheticReviews({ proposals: 300, reviewers: 100, reviewsPerProposal: 3, seed });
      const { reviewers } = calibrateScores(reviews);
      const estimated = reviewers.map((r) => r.offset);
      const actual = reviewers.map((r) => truth.offsets.get(r.reviewer) as number);
      expect(pearson(estimated, actual), `seed ${seed}`).toBeGreaterThan(0.9);
    }
  });

  it('is not worse than the raw mean by more than a small margin when reviewers are unbiased', () => {
    const losses: number[] = [];
    for (const seed of SEEDS) {
      const { reviews, truth } = syntheticReviews({
        proposals: 300,
        reviewers: 100,
        reviewsPerProposal: 3,
        seed,
        bias: 0,
      });
      const { raw, calibrated } = agreement(calibrateScores(reviews), truth.quality);
      expect(calibrated, `seed ${seed}`).toBeGreaterThan(raw - 0.02);
      losses.push(raw - calibrated);
    }
    expect(losses.reduce((a, b) => a + b, 0) / losses.length).toBeLessThan(0.01);
  });

  it('recovers qualities and offsets exactly (up to a constant) from noise-free scores with a tiny penalty', () => {
    const { reviews, truth } = syntheticReviews({
      proposals: 120,
      reviewers: 30,
      reviewsPerProposal: 4,
      seed: 11,
      noise: 0,
      qualitySd: 5,
    });
    // Undo the rounding to 0.1 and the clamping: exact model scores.
    const exact = reviews.map((r) => ({
      ...r,
      score: (truth.quality.get(r.proposal) as number) + (truth.offsets.get(r.reviewer) as number),
    }));
    const result = calibrateScores(exact, { offsetPenalty: 1e-9, scale: { min: -100, max: 200 } });
    expect(result.converged).toBe(true);
    const shift =
      (result.proposals[0]?.calibrated as number) - (truth.quality.get(result.proposals[0]?.proposal ?? '') as number);
    for (const p of result.proposals) {
      expect(p.calibrated - (truth.quality.get(p.proposal) as number)).toBeCloseTo(shift, 5);
    }
    for (const r of result.reviewers) {
      expect(r.offset - (truth.offsets.get(r.reviewer) as number)).toBeCloseTo(-shift, 5);
    }
  });

  it('handles 30,000 scores on 10,000 proposals', () => {
    const { reviews } = syntheticReviews({ proposals: 10_000, reviewers: 1_000, reviewsPerProposal: 3, seed: 3 });
    const result = calibrateScores(reviews);
    expect(result.converged).toBe(true);
    expect(result.proposals).toHaveLength(10_000);
    expect(result.components).toBe(1);
  });
});

describe('calibrateScores on small cases', () => {
  const reviews: Review[] = [
    { proposal: 'A', reviewer: 'x', score: 70 },
    { proposal: 'A', reviewer: 'y', score: 80 },
    { proposal: 'A', reviewer: 'z', score: 90 },
    { proposal: 'B', reviewer: 'x', score: 40 },
    { proposal: 'B', reviewer: 'y', score: 75 },
    { proposal: 'C', reviewer: 'z', score: 60 },
  ];

  it('reports raw statistics per proposal and counts per reviewer', () => {
    const result = calibrateScores(reviews);
    const a = result.proposals.find((p) => p.proposal === 'A');
    expect(a).toMatchObject({ reviews: 3, rawMean: 80, min: 70, max: 90, range: 20, disagreement: false });
    expect(a?.sd).toBeCloseTo(10, 12);
    const b = result.proposals.find((p) => p.proposal === 'B');
    expect(b).toMatchObject({ reviews: 2, rawMean: 57.5, range: 35, disagreement: true });
    const c = result.proposals.find((p) => p.proposal === 'C');
    expect(c).toMatchObject({ reviews: 1, range: 0, sd: 0, disagreement: false });
    expect(result.reviewers.map((r) => [r.reviewer, r.reviews])).toEqual([
      ['x', 2],
      ['y', 2],
      ['z', 2],
    ]);
  });

  it('gives offsets that sum to zero and lists proposals by calibrated rank', () => {
    const result = calibrateScores(reviews);
    expect(result.reviewers.reduce((s, r) => s + r.offset, 0)).toBeCloseTo(0, 10);
    expect(result.proposals.map((p) => p.rankCalibrated)).toEqual([1, 2, 3]);
    // x is harsh on B next to y; the calibrated gap between A and B is smaller than the raw one.
    const x = result.reviewers.find((r) => r.reviewer === 'x')?.offset as number;
    const y = result.reviewers.find((r) => r.reviewer === 'y')?.offset as number;
    expect(x).toBeLessThan(y);
  });

  it('flags disagreement when the range exceeds the threshold share of the scale', () => {
    const pair = (a: number, b: number): Review[] => [
      { proposal: 'P', reviewer: 'a', score: a },
      { proposal: 'P', reviewer: 'b', score: b },
    ];
    expect(calibrateScores(pair(50, 75)).proposals[0]?.disagreement).toBe(false);
    expect(calibrateScores(pair(50, 75.5)).proposals[0]?.disagreement).toBe(true);
    expect(calibrateScores(pair(50, 65), { disagreementRange: 0.1 }).proposals[0]?.disagreement).toBe(true);
    const fivePoint = { scale: { min: 1, max: 5 } };
    expect(calibrateScores(pair(2, 3), fivePoint).proposals[0]?.disagreement).toBe(false);
    expect(calibrateScores(pair(2, 4), fivePoint).proposals[0]?.disagreement).toBe(true);
  });

  it('barely adjusts a reviewer with a single review', () => {
    // Five proposals reviewed by the same three agreeing reviewers, and one by a newcomer who is 20 points above.
    const base: Review[] = [];
    for (const p of ['P1', 'P2', 'P3', 'P4', 'P5']) {
      for (const r of ['r1', 'r2', 'r3']) base.push({ proposal: p, reviewer: r, score: 60 });
    }
    base.push({ proposal: 'P1', reviewer: 'new', score: 80 });
    const result = calibrateScores(base);
    const newcomer = result.reviewers.find((r) => r.reviewer === 'new');
    expect(newcomer?.reviews).toBe(1);
    expect(newcomer?.offset).toBeGreaterThan(0);
    expect(newcomer?.offset).toBeLessThan(5);
    // Without the penalty the newcomer's 20 points would be fully explained as leniency.
    const unpenalised = calibrateScores(base, { offsetPenalty: 1e-9 });
    expect(unpenalised.reviewers.find((r) => r.reviewer === 'new')?.offset).toBeGreaterThan(14);
  });

  it('keeps offsets mean-zero within each group of a disconnected graph and counts the groups', () => {
    const groups: Review[] = [
      { proposal: 'A', reviewer: 'x', score: 80 },
      { proposal: 'A', reviewer: 'y', score: 60 },
      { proposal: 'B', reviewer: 'x', score: 70 },
      { proposal: 'B', reviewer: 'y', score: 50 },
      // A second group: nobody reviewed in both.
      { proposal: 'C', reviewer: 'u', score: 40 },
      { proposal: 'C', reviewer: 'v', score: 44 },
      { proposal: 'D', reviewer: 'w', score: 90 },
    ];
    const result = calibrateScores(groups);
    expect(result.components).toBe(3);
    const offset = (id: string) => result.reviewers.find((r) => r.reviewer === id)?.offset as number;
    expect(offset('x') + offset('y')).toBeCloseTo(0, 10);
    expect(offset('u') + offset('v')).toBeCloseTo(0, 10);
    expect(offset('w')).toBeCloseTo(0, 10);
    expect(offset('x')).toBeGreaterThan(0);
    // Alone in its group, D keeps its raw score.
    expect(result.proposals.find((p) => p.proposal === 'D')?.calibrated).toBeCloseTo(90, 10);
  });

  it('gives equal raw means the same raw rank', () => {
    const tied: Review[] = [
      { proposal: 'A', reviewer: 'x', score: 70 },
      { proposal: 'B', reviewer: 'y', score: 70 },
      { proposal: 'C', reviewer: 'z', score: 50 },
    ];
    const ranks = Object.fromEntries(calibrateScores(tied).proposals.map((p) => [p.proposal, p.rankRaw]));
    expect(ranks).toEqual({ A: 1, B: 1, C: 3 });
  });

  it('does not depend on the order of the reviews', () => {
    const { reviews: synthetic } = syntheticReviews({ proposals: 60, reviewers: 20, reviewsPerProposal: 3, seed: 5 });
    const shuffled = createRandom(99).shuffle([...synthetic]);
    const a = calibrateScores(synthetic);
    const b = calibrateScores(shuffled);
    expect(b.proposals.map((p) => p.proposal)).toEqual(a.proposals.map((p) => p.proposal));
    b.proposals.forEach((p, i) => {
      expect(p.calibrated).toBeCloseTo(a.proposals[i]?.calibrated as number, 8);
    });
  });

  it('returns an empty result for no reviews', () => {
    expect(calibrateScores([])).toEqual({
      proposals: [],
      reviewers: [],
      components: 0,
      iterations: 0,
      converged: true,
    });
  });

  it('refuses scores off the scale, duplicate reviews and a non-positive penalty', () => {
    expect(() => calibrateScores([{ proposal: 'A', reviewer: 'x', score: 101 }])).toThrow(RangeError);
    expect(() => calibrateScores([{ proposal: 'A', reviewer: 'x', score: Number.NaN }])).toThrow(RangeError);
    expect(() =>
      calibrateScores([
        { proposal: 'A', reviewer: 'x', score: 50 },
        { proposal: 'A', reviewer: 'x', score: 60 },
      ]),
    ).toThrow(/twice/);
    expect(() => calibrateScores(reviews, { offsetPenalty: 0 })).toThrow(RangeError);
  });
});

describe('syntheticReviews', () => {
  it('is deterministic and gives each proposal distinct reviewers with balanced loads', () => {
    const a = syntheticReviews({ proposals: 300, reviewers: 100, reviewsPerProposal: 3, seed: 42 });
    const b = syntheticReviews({ proposals: 300, reviewers: 100, reviewsPerProposal: 3, seed: 42 });
    expect(b).toEqual(a);
    expect(a.reviews).toHaveLength(900);
    const byProposal = new Map<string, Set<string>>();
    const load = new Map<string, number>();
    for (const r of a.reviews) {
      byProposal.set(r.proposal, (byProposal.get(r.proposal) ?? new Set()).add(r.reviewer));
      load.set(r.reviewer, (load.get(r.reviewer) ?? 0) + 1);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
    }
    for (const reviewers of byProposal.values()) expect(reviewers.size).toBe(3);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(2);
    expect(a.truth.quality.size).toBe(300);
    expect(a.truth.offsets.size).toBe(100);
  });
});
