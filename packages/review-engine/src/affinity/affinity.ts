/**
 * Affinity between reviewers and the proposals of one call: TF-IDF cosine similarity, explainable.
 *
 * - Terms come from {@link analyze} (stemmed words, stop-words removed). A proposal counts its title 2×, its keywords
 *   3× and its abstract once; a reviewer counts their keywords 3×, their free text once and each publication's title
 *   and abstract once.
 * - The collection is the call's proposals: idf(t) = ln(1 + N / df(t)), N proposals, df(t) the proposals containing t.
 *   A term weighs (1 + ln tf) × idf(t) (sublinear term frequency), and each vector is scaled to unit length.
 *   A reviewer's terms that no proposal contains are dropped before scaling: they cannot match, and keeping them
 *   would penalise reviewers with broad expertise.
 * - The score of a (proposal, reviewer) pair is the cosine of their vectors: a number in [0, 1], 0 when they share no
 *   term, 1 when their weighted terms are proportional. Vectors are non-negative, so no other normalisation is needed;
 *   scores are comparable across proposals and reviewers of the same index (not across calls).
 * - `matchedTerms` are the shared terms with their contribution to the score (w_proposal × w_reviewer), largest first;
 *   all the contributions of a pair add up to its score. A term is shown in its most frequent written form in the
 *   proposals ("methane", not the stem "methan").
 *
 * Reviewers and proposals written in different languages share no term and score 0: there is no translation.
 */
import { analyze, type Token } from './tokenize.js';

export interface AffinityProposal {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
}

export interface ReviewerPublication {
  readonly title: string;
  readonly abstract?: string;
}

export interface ReviewerExpertise {
  readonly id: string;
  readonly keywords: readonly string[];
  readonly text?: string;
  readonly publications?: readonly ReviewerPublication[];
}

export interface MatchedTerm {
  /** The term as written in the proposals (its most frequent form). */
  readonly term: string;
  /** Its contribution to the score; the contributions of all shared terms add up to the score. */
  readonly weight: number;
}

export interface AffinityCandidate {
  readonly proposalId: string;
  readonly reviewerId: string;
  /** Cosine similarity in [0, 1]. */
  readonly score: number;
  /** The largest contributions, largest first (at most `maxMatchedTerms`). */
  readonly matchedTerms: readonly MatchedTerm[];
}

export interface AffinityOptions {
  /** Candidates kept per proposal (computeAffinities) or in all (scoreReviewer); default 200. */
  readonly topN?: number;
  /** Matched terms kept per candidate; default 8, 0 for none (less memory on large runs). */
  readonly maxMatchedTerms?: number;
}

/** Weights of the parts of a text: how many times each of its words is counted. */
export const FIELD_WEIGHTS = {
  proposalTitle: 2,
  proposalAbstract: 1,
  proposalKeyword: 3,
  reviewerKeyword: 3,
  reviewerText: 1,
  publicationTitle: 1,
  publicationAbstract: 1,
} as const;

/** A sparse unit vector: term ids in increasing order and their weights. */
interface SparseVector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

/** The call's proposals, indexed. Build it once with {@link buildAffinityIndex}; treat it as opaque. */
export interface AffinityIndex {
  readonly proposalIds: readonly string[];
  /** Term → term id. */
  readonly termIds: ReadonlyMap<string, number>;
  /** Display form of each term id. */
  readonly display: readonly string[];
  readonly idf: Float64Array;
  readonly vectors: readonly SparseVector[];
  /** Inverted index over proposals (CSR): postings of term t are [postingStart[t], postingStart[t + 1]). */
  readonly postingStart: Int32Array;
  readonly postingProposal: Int32Array;
  readonly postingWeight: Float64Array;
}

const DEFAULT_TOP_N = 200;
const DEFAULT_MATCHED_TERMS = 8;

/** Occurrences of each token (written form) in the proposals. */
type Surfaces = Map<Token, number>;

function addText(counts: Map<string, number>, text: string | undefined, times: number, surfaces?: Surfaces) {
  if (!text) return;
  for (const token of analyze(text)) {
    counts.set(token.term, (counts.get(token.term) ?? 0) + times);
    if (surfaces) surfaces.set(token, (surfaces.get(token) ?? 0) + 1);
  }
}

function proposalCounts(proposal: AffinityProposal, surfaces: Surfaces): Map<string, number> {
  const counts = new Map<string, number>();
  addText(counts, proposal.title, FIELD_WEIGHTS.proposalTitle, surfaces);
  addText(counts, proposal.abstract, FIELD_WEIGHTS.proposalAbstract, surfaces);
  for (const keyword of proposal.keywords) addText(counts, keyword, FIELD_WEIGHTS.proposalKeyword, surfaces);
  return counts;
}

function reviewerCounts(expertise: ReviewerExpertise): Map<string, number> {
  const counts = new Map<string, number>();
  for (const keyword of expertise.keywords) addText(counts, keyword, FIELD_WEIGHTS.reviewerKeyword);
  addText(counts, expertise.text, FIELD_WEIGHTS.reviewerText);
  for (const publication of expertise.publications ?? []) {
    addText(counts, publication.title, FIELD_WEIGHTS.publicationTitle);
    addText(counts, publication.abstract, FIELD_WEIGHTS.publicationAbstract);
  }
  return counts;
}

/** (1 + ln tf) × idf for the known terms of `counts`, scaled to unit length; unknown terms are dropped. */
function toUnitVector(counts: ReadonlyMap<string, number>, termIds: ReadonlyMap<string, number>, idf: Float64Array) {
  const entries: [number, number][] = [];
  let norm = 0;
  for (const [term, tf] of counts) {
    const id = termIds.get(term);
    if (id === undefined) continue;
    const weight = (1 + Math.log(tf)) * (idf[id] as number);
    entries.push([id, weight]);
    norm += weight * weight;
  }
  entries.sort((a, b) => a[0] - b[0]);
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const vector: SparseVector = { terms: new Int32Array(entries.length), weights: new Float64Array(entries.length) };
  entries.forEach(([id, weight], i) => {
    vector.terms[i] = id;
    vector.weights[i] = weight * scale;
  });
  return vector;
}

function assertUniqueIds(items: readonly { id: string }[], what: string) {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id)) throw new RangeError(`duplicate ${what} id ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

/** Indexes the call's proposals (the document collection for idf). Throws RangeError on a duplicate id. */
export function buildAffinityIndex(proposals: readonly AffinityProposal[]): AffinityIndex {
  assertUniqueIds(proposals, 'proposal');
  const surfaces: Surfaces = new Map();
  const allCounts = proposals.map((proposal) => proposalCounts(proposal, surfaces));

  const termIds = new Map<string, number>();
  const df: number[] = [];
  for (const counts of allCounts) {
    for (const term of counts.keys()) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = df.length;
        termIds.set(term, id);
        df.push(0);
      }
      df[id] = (df[id] as number) + 1;
    }
  }
  const n = proposals.length;
  const idf = Float64Array.from(df, (d) => Math.log(1 + n / d));

  const forms = new Map<string, Map<string, number>>();
  for (const [token, count] of surfaces) {
    let byForm = forms.get(token.term);
    if (!byForm) {
      byForm = new Map();
      forms.set(token.term, byForm);
    }
    byForm.set(token.surface, (byForm.get(token.surface) ?? 0) + count);
  }
  const display: string[] = new Array(df.length);
  for (const [term, id] of termIds) display[id] = mostFrequent(forms.get(term) ?? new Map([[term, 1]]));

  const vectors = allCounts.map((counts) => toUnitVector(counts, termIds, idf));

  const postingStart = new Int32Array(df.length + 1);
  for (let t = 0; t < df.length; t++) postingStart[t + 1] = (postingStart[t] as number) + (df[t] as number);
  const fill = postingStart.slice(0, df.length);
  const postingProposal = new Int32Array(postingStart[df.length] as number);
  const postingWeight = new Float64Array(postingProposal.length);
  vectors.forEach((vector, p) => {
    for (let i = 0; i < vector.terms.length; i++) {
      const t = vector.terms[i] as number;
      const at = fill[t] as number;
      postingProposal[at] = p;
      postingWeight[at] = vector.weights[i] as number;
      fill[t] = at + 1;
    }
  });

  return {
    proposalIds: proposals.map((proposal) => proposal.id),
    termIds,
    display,
    idf,
    vectors,
    postingStart,
    postingProposal,
    postingWeight,
  };
}

/** The most frequent form; ties go to the one first in code-unit order. */
function mostFrequent(forms: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [form, count] of forms) {
    if (count > bestCount || (count === bestCount && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/** The reviewer's unit vector in the index's term space. */
function reviewerVector(index: AffinityIndex, expertise: ReviewerExpertise): SparseVector {
  return toUnitVector(reviewerCounts(expertise), index.termIds, index.idf);
}

/**
 * The `max` largest contributions of `reviewer` given the proposal's weights scattered in `dense` (by term id),
 * largest first; ties by term id.
 */
function topContributions(index: AffinityIndex, dense: Float64Array, reviewer: SparseVector, max: number) {
  if (max <= 0) return NO_TERMS;
  if (topIds.length < max) {
    topIds = new Int32Array(max);
    topValues = new Float64Array(max);
  }
  const ids = topIds;
  const values = topValues;
  let size = 0;
  const terms = reviewer.terms;
  const weights = reviewer.weights;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as number;
    const pw = dense[t] as number;
    if (pw === 0) continue;
    const value = pw * (weights[i] as number);
    let at: number;
    if (size < max) at = size++;
    else if (value > (values[max - 1] as number)) at = max - 1;
    else continue;
    // Keep the short list sorted; terms arrive in increasing id order, so equal values stay in id order.
    while (at > 0 && (values[at - 1] as number) < value) {
      ids[at] = ids[at - 1] as number;
      values[at] = values[at - 1] as number;
      at--;
    }
    ids[at] = t;
    values[at] = value;
  }
  const matched: MatchedTerm[] = new Array(size);
  for (let i = 0; i < size; i++) {
    matched[i] = { term: index.display[ids[i] as number] as string, weight: values[i] as number };
  }
  return matched;
}

const NO_TERMS: readonly MatchedTerm[] = Object.freeze([]);

/** Scratch buffers of {@link topContributions} (the package is synchronous, so one pair is enough). */
let topIds = new Int32Array(DEFAULT_MATCHED_TERMS);
let topValues = new Float64Array(DEFAULT_MATCHED_TERMS);

function scatter(dense: Float64Array, vector: SparseVector, clear = false) {
  for (let i = 0; i < vector.terms.length; i++)
    dense[vector.terms[i] as number] = clear ? 0 : (vector.weights[i] as number);
}

function clamp01(x: number) {
  return Math.min(Math.max(x, 0), 1);
}

/**
 * The `k` best of `candidates[0..count)` by `score` (higher first, then lower index first), in that order: a bounded
 * min-heap of the k best seen so far, O(count × log k).
 */
function topK(candidates: Int32Array, count: number, score: Float64Array, k: number): Int32Array {
  const heap = new Int32Array(Math.min(k, count));
  let size = 0;
  for (let c = 0; c < count; c++) {
    const x = candidates[c] as number;
    const sx = score[x] as number;
    if (size < heap.length) {
      // Sift up: the root is the worst (lowest score, then highest index).
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const y = heap[parent] as number;
        const sy = score[y] as number;
        if (sy < sx || (sy === sx && y > x)) break;
        heap[i] = y;
        i = parent;
      }
      heap[i] = x;
      continue;
    }
    if (size === 0) break;
    const root = heap[0] as number;
    const sr = score[root] as number;
    if (sx < sr || (sx === sr && x > root)) continue;
    // Replace the root and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      let m = l;
      let ym = heap[l] as number;
      let sm = score[ym] as number;
      if (l + 1 < size) {
        const yr = heap[l + 1] as number;
        const sr2 = score[yr] as number;
        if (sr2 < sm || (sr2 === sm && yr > ym)) {
          m = l + 1;
          ym = yr;
          sm = sr2;
        }
      }
      if (sx < sm || (sx === sm && x > ym)) break;
      heap[i] = ym;
      i = m;
    }
    heap[i] = x;
  }
  return heap.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
}

/**
 * For each proposal, its `topN` best reviewers (default 200) with a score above 0, as candidates: proposals in input
 * order (or index order), then score descending, then reviewer id ascending. Pairs that share no term are not listed.
 *
 * The reviewers are indexed by term (an inverted index of sparse unit vectors), so each proposal only touches the
 * reviewers sharing at least one term with it. Throws RangeError on a duplicate proposal or reviewer id.
 *
 * For large calls prefer {@link iterateAffinities}, which yields the same candidates one proposal at a time: holding
 * millions of candidates with their matched terms at once costs gigabytes and most of the time in garbage collection.
 */
export function computeAffinities(
  proposals: readonly AffinityProposal[] | AffinityIndex,
  reviewers: readonly ReviewerExpertise[],
  options: AffinityOptions = {},
): AffinityCandidate[] {
  const candidates: AffinityCandidate[] = [];
  for (const batch of iterateAffinities(proposals, reviewers, options)) {
    for (const candidate of batch) candidates.push(candidate);
  }
  return candidates;
}

/**
 * The candidates of {@link computeAffinities}, one proposal at a time (proposals without candidates are skipped), so
 * that a caller can store them in batches. The input is validated and indexed on the first call to `next()`.
 */
export function* iterateAffinities(
  proposals: readonly AffinityProposal[] | AffinityIndex,
  reviewers: readonly ReviewerExpertise[],
  options: AffinityOptions = {},
): Generator<AffinityCandidate[], void, undefined> {
  const index = Array.isArray(proposals)
    ? buildAffinityIndex(proposals as readonly AffinityProposal[])
    : (proposals as AffinityIndex);
  assertUniqueIds(reviewers, 'reviewer');
  const topN = options.topN ?? DEFAULT_TOP_N;
  const maxTerms = options.maxMatchedTerms ?? DEFAULT_MATCHED_TERMS;

  // Reviewers in id order, so that equal scores break ties by id.
  const sorted = [...reviewers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vectors = sorted.map((reviewer) => reviewerVector(index, reviewer));

  // Inverted index over reviewers (CSR).
  const termCount = index.display.length;
  const start = new Int32Array(termCount + 1);
  for (const vector of vectors) for (const t of vector.terms) start[t + 1] = (start[t + 1] as number) + 1;
  for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const fill = start.slice(0, termCount);
  const postingReviewer = new Int32Array(start[termCount] as number);
  const postingWeight = new Float64Array(postingReviewer.length);
  vectors.forEach((vector, r) => {
    for (let i = 0; i < vector.terms.length; i++) {
      const t = vector.terms[i] as number;
      const at = fill[t] as number;
      postingReviewer[at] = r;
      postingWeight[at] = vector.weights[i] as number;
      fill[t] = at + 1;
    }
  });

  const accumulator = new Float64Array(sorted.length);
  const touched = new Int32Array(sorted.length);
  const dense = new Float64Array(termCount);
  for (let p = 0; p < index.vectors.length; p++) {
    const proposal = index.vectors[p] as SparseVector;
    let touchedCount = 0;
    for (let i = 0; i < proposal.terms.length; i++) {
      const t = proposal.terms[i] as number;
      const pw = proposal.weights[i] as number;
      const end = start[t + 1] as number;
      for (let at = start[t] as number; at < end; at++) {
        const r = postingReviewer[at] as number;
        if (accumulator[r] === 0) touched[touchedCount++] = r;
        accumulator[r] = (accumulator[r] as number) + pw * (postingWeight[at] as number);
      }
    }
    const best = topK(touched, touchedCount, accumulator, topN);
    if (maxTerms > 0) scatter(dense, proposal);
    const proposalId = index.proposalIds[p] as string;
    const batch = Array.from(
      best,
      (r): AffinityCandidate => ({
        proposalId,
        reviewerId: (sorted[r] as ReviewerExpertise).id,
        score: clamp01(accumulator[r] as number),
        matchedTerms: topContributions(index, dense, vectors[r] as SparseVector, maxTerms),
      }),
    );
    if (maxTerms > 0) scatter(dense, proposal, true);
    for (let c = 0; c < touchedCount; c++) accumulator[touched[c] as number] = 0;
    if (batch.length > 0) yield batch;
  }
}

/**
 * The proposals of the index that `expertise` matches (score above 0), best first (ties by proposal order), at most
 * `topN` (default: all). For a reviewer who has just edited their expertise, or a "proposals for me" view.
 */
export function scoreReviewer(
  index: AffinityIndex,
  expertise: ReviewerExpertise,
  options: AffinityOptions = {},
): AffinityCandidate[] {
  const maxTerms = options.maxMatchedTerms ?? DEFAULT_MATCHED_TERMS;
  const reviewer = reviewerVector(index, expertise);
  const accumulator = new Float64Array(index.proposalIds.length);
  const touched = new Int32Array(index.proposalIds.length);
  let touchedCount = 0;
  for (let i = 0; i < reviewer.terms.length; i++) {
    const t = reviewer.terms[i] as number;
    const rw = reviewer.weights[i] as number;
    const end = index.postingStart[t + 1] as number;
    for (let at = index.postingStart[t] as number; at < end; at++) {
      const p = index.postingProposal[at] as number;
      if (accumulator[p] === 0) touched[touchedCount++] = p;
      accumulator[p] = (accumulator[p] as number) + rw * (index.postingWeight[at] as number);
    }
  }
  const best = topK(touched, touchedCount, accumulator, options.topN ?? index.proposalIds.length);
  const dense = new Float64Array(index.display.length);
  return Array.from(best, (p) => {
    const proposal = index.vectors[p] as SparseVector;
    scatter(dense, proposal);
    const matchedTerms = topContributions(index, dense, reviewer, maxTerms);
    scatter(dense, proposal, true);
    return {
      proposalId: index.proposalIds[p] as string,
      reviewerId: expertise.id,
      score: clamp01(accumulator[p] as number),
      matchedTerms,
    };
  });
}

/**
 * The affinity of one pair with its explanation (for a pair the assignment made without it being a candidate, or a
 * run made with `maxMatchedTerms: 0`). Score 0 and no terms when they share none; throws RangeError on an unknown
 * proposal id.
 */
export function explainAffinity(
  index: AffinityIndex,
  proposalId: string,
  expertise: ReviewerExpertise,
  maxMatchedTerms = DEFAULT_MATCHED_TERMS,
): AffinityCandidate {
  const p = index.proposalIds.indexOf(proposalId);
  if (p < 0) throw new RangeError(`unknown proposal id ${JSON.stringify(proposalId)}`);
  const proposal = index.vectors[p] as SparseVector;
  const reviewer = reviewerVector(index, expertise);
  const dense = new Float64Array(index.display.length);
  scatter(dense, proposal);
  let score = 0;
  for (let i = 0; i < reviewer.terms.length; i++) {
    score += (dense[reviewer.terms[i] as number] as number) * (reviewer.weights[i] as number);
  }
  return {
    proposalId,
    reviewerId: expertise.id,
    score: clamp01(score),
    matchedTerms: topContributions(index, dense, reviewer, maxMatchedTerms),
  };
}
