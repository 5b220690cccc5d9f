import type { Rubric } from '../calls/calls.contract.js';

/**
 * The weighted score of a review on the call's scale: Σ weight × score / 100 (the weights of a
 * rubric add up to 100). Scores are whole numbers on the scale, so the result is exact to two
 * decimals; null until every criterion is scored.
 */
export function weightedScore(rubric: Pick<Rubric, 'criteria'>, scores: Record<string, number | null | undefined>) {
  let sum = 0;
  for (const criterion of rubric.criteria) {
    const score = scores[criterion.key];
    if (score === null || score === undefined) return null;
    sum += criterion.weight * score;
  }
  return sum / 100;
}
