import type { Recommendation, ReviewContent, Rubric } from '@kizuna/shared';

export type ReviewChange =
  | { kind: 'score'; key: string; title: string; from: number | null; to: number | null }
  | { kind: 'confidence'; from: number | null; to: number | null }
  | { kind: 'recommendation'; from: Recommendation | null; to: Recommendation | null }
  | { kind: 'commentsToApplicants' }
  | { kind: 'confidentialComments' };

const score = (scores: ReviewContent['scores'], key: string) => scores[key] ?? null;

/**
 * What differs from one version of a review to the next, part by part: each criterion's score (in the rubric's order,
 * then any criterion the rubric no longer has), confidence, recommendation, and whether either comment changed.
 */
export function reviewChanges(
  before: ReviewContent,
  after: ReviewContent,
  rubric: Pick<Rubric, 'criteria'>,
): ReviewChange[] {
  const changes: ReviewChange[] = [];
  const titles = new Map(rubric.criteria.map((c) => [c.key, c.title]));
  const keys = [
    ...rubric.criteria.map((c) => c.key),
    ...[...new Set([...Object.keys(before.scores), ...Object.keys(after.scores)])].filter((key) => !titles.has(key)),
  ];
  for (const key of keys) {
    const from = score(before.scores, key);
    const to = score(after.scores, key);
    if (from !== to) changes.push({ kind: 'score', key, title: titles.get(key) ?? key, from, to });
  }
  if (before.confidence !== after.confidence) {
    changes.push({ kind: 'confidence', from: before.confidence, to: after.confidence });
  }
  if (before.recommendation !== after.recommendation) {
    changes.push({ kind: 'recommendation', from: before.recommendation, to: after.recommendation });
  }
  if (before.commentsToApplicants !== after.commentsToApplicants) changes.push({ kind: 'commentsToApplicants' });
  if (before.confidentialComments !== after.confidentialComments) changes.push({ kind: 'confidentialComments' });
  return changes;
}
