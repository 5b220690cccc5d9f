import { describe, expect, it } from 'vitest';
import {
  type AffinityCandidate,
  type AffinityProposal,
  buildAffinityIndex,
  computeAffinities,
  explainAffinity,
  iterateAffinities,
  type ReviewerExpertise,
  scoreReviewer,
} from './affinity.js';
import { STOP_WORDS } from './tokenize.js';

const proposals: AffinityProposal[] = [
  {
    id: 'rice',
    title: 'Reducing methane emissions from rice paddies in the Mekong delta',
    abstract:
      'We study alternate wetting and drying irrigation of rice paddy fields to cut methane emissions while keeping ' +
      'yields, with farmers in Vietnam and Japan.',
    keywords: ['rice paddy', 'methane', 'irrigation'],
  },
  {
    id: '5g',
    title: '5G rural connectivity for island communities',
    abstract:
      'Deploying low-cost 5G base stations and community networks to connect rural villages of the Philippines, ' +
      'with a study of the spectrum policy this requires.',
    keywords: ['5G', 'rural connectivity', 'telecommunications'],
  },
  {
    id: 'jp-rice',
    title: '水田におけるメタン排出の削減',
    abstract: '間断灌漑による水田からのメタン排出削減を、ベトナムと日本の農家とともに研究する。',
    keywords: ['水田', 'メタン', '灌漑'],
  },
  {
    id: 'jp-quake',
    title: '地震早期警報システムの開発',
    abstract: '地震計ネットワークと機械学習による地震の早期警報を開発する。',
    keywords: ['地震', '早期警報'],
  },
  {
    id: 'dengue',
    title: 'Dengue surveillance with mosquito traps',
    abstract: 'A network of smart mosquito traps reports dengue vector density to health offices in Malaysia.',
    keywords: ['dengue', 'vector surveillance', 'public health'],
  },
];

const reviewers: ReviewerExpertise[] = [
  { id: 'r-rice', keywords: ['rice paddy methane'], text: 'Greenhouse gas fluxes from rice paddies and wetlands' },
  {
    id: 'r-5g',
    keywords: ['wireless networks', '5G'],
    text: 'Rural connectivity and telecommunications policy',
    publications: [{ title: 'Spectrum sharing for rural 5G', abstract: 'Base stations for villages.' }],
  },
  { id: 'r-jp-rice', keywords: ['メタン', '水田'], text: '農業からの温室効果ガス排出' },
  { id: 'r-jp-quake', keywords: ['地震', '地震計'], text: '地震の早期警報' },
  { id: 'r-nothing', keywords: [], text: 'The of and in.' },
];

function byPair(candidates: readonly AffinityCandidate[]) {
  return new Map(candidates.map((c) => [`${c.proposalId}|${c.reviewerId}`, c]));
}

function reviewersOf(candidates: readonly AffinityCandidate[], proposalId: string) {
  return candidates.filter((c) => c.proposalId === proposalId).map((c) => c.reviewerId);
}

describe('computeAffinities', () => {
  const candidates = computeAffinities(proposals, reviewers);

  it('ranks the obvious reviewer first for each proposal', () => {
    expect(reviewersOf(candidates, 'rice')[0]).toBe('r-rice');
    expect(reviewersOf(candidates, '5g')[0]).toBe('r-5g');
    expect(reviewersOf(candidates, 'jp-rice')[0]).toBe('r-jp-rice');
    expect(reviewersOf(candidates, 'jp-quake')[0]).toBe('r-jp-quake');
  });

  it('matches the rice paddy methane reviewer to the rice proposal well above the 5G one', () => {
    const pairs = byPair(candidates);
    const rice = pairs.get('rice|r-rice')?.score ?? 0;
    const fiveG = pairs.get('5g|r-rice')?.score ?? 0;
    expect(rice).toBeGreaterThan(0.3);
    expect(rice).toBeGreaterThan(fiveG + 0.25);
  });

  it('matches Japanese text with Japanese text', () => {
    const pairs = byPair(candidates);
    const jp = pairs.get('jp-rice|r-jp-rice');
    expect(jp?.score).toBeGreaterThan(0.3);
    expect(jp?.matchedTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['水田', 'メタン']));
    expect(pairs.get('jp-quake|r-jp-rice')).toBeUndefined();
  });

  it('explains a match with the shared terms, written as in the proposals, largest first', () => {
    const pair = byPair(candidates).get('rice|r-rice');
    const terms = pair?.matchedTerms.map((t) => t.term) ?? [];
    expect(terms).toEqual(expect.arrayContaining(['rice', 'paddy', 'methane']));
    const weights = pair?.matchedTerms.map((t) => t.weight) ?? [];
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    // The contributions of all the shared terms add up to the score (here fewer than 8 terms are shared).
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(pair?.score ?? -1, 12);
  });

  it('keeps scores within [0, 1] and lists only pairs that share a term', () => {
    for (const c of candidates) {
      expect(c.score).toBeGreaterThan(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.matchedTerms.length).toBeGreaterThan(0);
    }
    expect(candidates.some((c) => c.reviewerId === 'r-nothing')).toBe(false);
  });

  it('scores an identical text 1', () => {
    const p = proposals[0] as AffinityProposal;
    // Same words, same proportions: title ×2 + abstract + keywords ×3 written as reviewer keywords ×3 and text.
    const twin: ReviewerExpertise = {
      id: 'twin',
      keywords: p.keywords,
      text: `${p.title} ${p.title} ${p.abstract}`,
    };
    const [best] = computeAffinities(proposals, [twin]).filter((c) => c.proposalId === p.id);
    expect(best?.score).toBeCloseTo(1, 12);
  });

  it('never shows a stop-word as a matched term', () => {
    const stopWords = [...STOP_WORDS].join(' ');
    const noisy = reviewers.map((r) => ({ ...r, text: `${r.text ?? ''} ${stopWords}` }));
    const noisyProposals = proposals.map((p) => ({ ...p, abstract: `${p.abstract} ${stopWords}` }));
    for (const c of computeAffinities(noisyProposals, noisy)) {
      for (const { term } of c.matchedTerms) expect(STOP_WORDS.has(term)).toBe(false);
    }
  });

  it('keeps the topN best per proposal, ordered by score then reviewer id, and at most maxMatchedTerms terms', () => {
    const clones = Array.from({ length: 30 }, (_, i) => ({
      ...(reviewers[0] as ReviewerExpertise),
      id: `clone-${String(i).padStart(2, '0')}`,
    }));
    const top = computeAffinities(proposals, [...clones].reverse(), { topN: 5, maxMatchedTerms: 2 });
    const rice = top.filter((c) => c.proposalId === 'rice');
    expect(rice.map((c) => c.reviewerId)).toEqual(['clone-00', 'clone-01', 'clone-02', 'clone-03', 'clone-04']);
    for (const c of top) expect(c.matchedTerms.length).toBeLessThanOrEqual(2);
    expect(
      computeAffinities(proposals, reviewers, { maxMatchedTerms: 0 }).every((c) => c.matchedTerms.length === 0),
    ).toBe(true);
  });

  it('returns proposals in input order and accepts a prebuilt index', () => {
    const index = buildAffinityIndex(proposals);
    const fromIndex = computeAffinities(index, reviewers);
    expect(fromIndex).toEqual(candidates);
    const order = [...new Set(candidates.map((c) => c.proposalId))];
    expect(order).toEqual(proposals.map((p) => p.id).filter((id) => order.includes(id)));
  });

  it('yields the same candidates one proposal at a time', () => {
    const batches = [...iterateAffinities(proposals, reviewers)];
    expect(batches.flat()).toEqual(candidates);
    for (const batch of batches) {
      expect(batch.length).toBeGreaterThan(0);
      expect(new Set(batch.map((c) => c.proposalId)).size).toBe(1);
    }
  });

  it('refuses duplicate ids', () => {
    expect(() => computeAffinities([...proposals, proposals[0] as AffinityProposal], reviewers)).toThrow(RangeError);
    expect(() => computeAffinities(proposals, [...reviewers, reviewers[0] as ReviewerExpertise])).toThrow(RangeError);
  });
});

describe('scoreReviewer and explainAffinity', () => {
  const index = buildAffinityIndex(proposals);

  it('lists the proposals a reviewer matches, best first, with the same scores as computeAffinities', () => {
    const r = reviewers[0] as ReviewerExpertise;
    const mine = scoreReviewer(index, r);
    expect(mine[0]?.proposalId).toBe('rice');
    const pairs = byPair(computeAffinities(index, [r]));
    for (const c of mine) expect(c.score).toBeCloseTo(pairs.get(`${c.proposalId}|${r.id}`)?.score ?? -1, 12);
    expect(scoreReviewer(index, r, { topN: 1 })).toHaveLength(1);
  });

  it('explains one pair on demand, and scores 0 a pair without shared terms', () => {
    const r = reviewers[1] as ReviewerExpertise;
    const explained = explainAffinity(index, '5g', r);
    const listed = byPair(computeAffinities(index, [r])).get(`5g|${r.id}`);
    expect(explained).toEqual(listed);
    expect(explainAffinity(index, 'jp-quake', r)).toEqual({
      proposalId: 'jp-quake',
      reviewerId: r.id,
      score: 0,
      matchedTerms: [],
    });
    expect(() => explainAffinity(index, 'nope', r)).toThrow(RangeError);
  });
});
