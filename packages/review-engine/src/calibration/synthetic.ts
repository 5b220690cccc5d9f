import { createRandom } from '../random.js';
import type { Review } from './calibrate.js';

export interface SyntheticReviewsOptions {
  readonly proposals: number;
  readonly reviewers: number;
  /** Distinct reviewers per proposal; at most `reviewers`. */
  readonly reviewsPerProposal: number;
  readonly seed: number;
  /**
   * Leniency of the biased reviewers, in points: a third of the reviewers are lenient (offset ≈ +bias), a third harsh
   * (≈ −bias), a third neutral (≈ 0), each with a jitter of sd bias / 5. Default 10; 0 for unbiased reviewers.
   */
  readonly bias?: number;
  /** Standard deviation of the noise of each score; default 6. */
  readonly noise?: number;
  /** True qualities are drawn from N(qualityMean, qualitySd); defaults 60 and 12. */
  readonly qualityMean?: number;
  readonly qualitySd?: number;
}

export interface SyntheticReviews {
  readonly reviews: Review[];
  readonly truth: {
    /** True quality by proposal id. */
    readonly quality: ReadonlyMap<string, number>;
    /** True offset by reviewer id. */
    readonly offsets: ReadonlyMap<string, number>;
  };
}

/**
 * Deterministic synthetic reviews with a known truth, for tests and benchmarks: score = clamp(quality + offset +
 * noise, 0, 100), rounded to 0.1. Each proposal gets `reviewsPerProposal` distinct reviewers dealt from shuffled decks
 * of all reviewers, so every reviewer reviews about the same number of proposals. Ids are zero-padded to sort in
 * order: "p001"…"p300", "r001"…"r100".
 */
export function syntheticReviews(options: SyntheticReviewsOptions): SyntheticReviews {
  const { proposals, reviewers, reviewsPerProposal, seed } = options;
  const bias = options.bias ?? 10;
  const noise = options.noise ?? 6;
  if (!Number.isInteger(reviewsPerProposal) || reviewsPerProposal < 1 || reviewsPerProposal > reviewers) {
    throw new RangeError('reviewsPerProposal must be an integer from 1 to the number of reviewers');
  }
  const random = createRandom(seed);
  const width = (n: number) => String(n).length;
  const proposalIds = Array.from({ length: proposals }, (_, i) => `p${String(i + 1).padStart(width(proposals), '0')}`);
  const reviewerIds = Array.from({ length: reviewers }, (_, i) => `r${String(i + 1).padStart(width(reviewers), '0')}`);

  const quality = new Map<string, number>();
  for (const id of proposalIds) {
    quality.set(id, Math.min(100, Math.max(0, random.normal(options.qualityMean ?? 60, options.qualitySd ?? 12))));
  }
  const offsets = new Map<string, number>();
  reviewerIds.forEach((id, i) => {
    const kind = i % 3; // 0 neutral, 1 lenient, 2 harsh
    const centre = kind === 0 ? 0 : kind === 1 ? bias : -bias;
    offsets.set(id, centre + random.normal(0, bias / 5));
  });

  const reviews: Review[] = [];
  let deck: number[] = [];
  for (const proposal of proposalIds) {
    const chosen = new Set<number>();
    while (chosen.size < reviewsPerProposal) {
      if (deck.length === 0) deck = random.shuffle(Array.from({ length: reviewers }, (_, r) => r));
      // Take the first card of the deck not already chosen for this proposal.
      const at = deck.findIndex((r) => !chosen.has(r));
      if (at < 0) {
        deck = [];
        continue;
      }
      chosen.add(deck.splice(at, 1)[0] as number);
    }
    for (const r of chosen) {
      const reviewer = reviewerIds[r] as string;
      const raw = (quality.get(proposal) as number) + (offsets.get(reviewer) as number) + random.normal(0, noise);
      reviews.push({ proposal, reviewer, score: Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10 });
    }
  }
  return { reviews, truth: { quality, offsets } };
}
