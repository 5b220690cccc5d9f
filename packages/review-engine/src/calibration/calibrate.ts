/**
 * Calibration of reviewers' leniency.
 *
 * Model: score(p, r) = quality(p) + offset(r) + noise. Fitted by least squares with a ridge penalty on the offsets:
 *
 *   minimise Σ (score − quality(p) − offset(r))² + λ Σ_r offset(r)²
 *
 * - λ (`offsetPenalty`, default {@link DEFAULT_OFFSET_PENALTY}) counts in reviews: a reviewer's offset is shrunk
 *   towards 0 as if they had λ more reviews that agree with everybody. A reviewer with one review is barely adjusted;
 *   one with twenty is adjusted nearly fully.
 * - The penalty also fixes the level: in each connected group of proposals and reviewers (linked by reviews), the
 *   offsets have mean zero, so qualities stay on the scale of the raw scores. Groups that share no reviewer cannot be
 *   compared beyond their raw scores; `components` says how many there are.
 * - Solved exactly: eliminating the qualities leaves a symmetric positive definite system in the offsets,
 *   (diag(n_r + λ) − Mᵀ diag(1/n_p) M) offset = Σ_reviews (score − rawMean(p)), solved by conjugate gradients with a
 *   Jacobi preconditioner (matrix-free, O(reviews) per iteration). Then quality(p) = rawMean(p) − mean offset of its
 *   reviewers.
 *
 * Disagreement: a proposal with at least 2 reviews whose raw scores span more than `disagreementRange` (default
 * 0.25) of the scale's width (max − min > 25 points on 0–100). It is computed on raw scores, which is what the
 * programme manager reads.
 */

export interface Review {
  readonly proposal: string;
  readonly reviewer: string;
  /** The weighted rubric score, on the call's scale. */
  readonly score: number;
}

export interface CalibrationOptions {
  /** The call's scale; default 0–100. Scores outside it are refused. */
  readonly scale?: { readonly min: number; readonly max: number };
  /** λ of the ridge penalty on offsets, in reviews; > 0. Default {@link DEFAULT_OFFSET_PENALTY}. */
  readonly offsetPenalty?: number;
  /** A proposal's reviewers disagree when max − min of its raw scores > this × (scale.max − scale.min). Default 0.25. */
  readonly disagreementRange?: number;
  /** Relative residual at which the solver stops; default 1e-10. */
  readonly tolerance?: number;
  /** Conjugate-gradient iterations at most; default 1000. */
  readonly maxIterations?: number;
}

export interface CalibratedProposal {
  readonly proposal: string;
  readonly reviews: number;
  readonly rawMean: number;
  /** Estimated quality, on the scale of the scores (not clamped to it: it may lie slightly outside). */
  readonly calibrated: number;
  readonly min: number;
  readonly max: number;
  /** max − min of the raw scores. */
  readonly range: number;
  /** Sample standard deviation (n − 1) of the raw scores; 0 for a single review. */
  readonly sd: number;
  readonly disagreement: boolean;
  /** 1 = best; equal scores share a rank ("1224"). */
  readonly rankRaw: number;
  readonly rankCalibrated: number;
}

export interface ReviewerCalibration {
  readonly reviewer: string;
  /** Estimated leniency: positive = scores higher than others. */
  readonly offset: number;
  readonly reviews: number;
}

export interface CalibrationResult {
  /** By calibrated rank, then proposal id. */
  readonly proposals: CalibratedProposal[];
  /** By reviewer id. */
  readonly reviewers: ReviewerCalibration[];
  /** Connected groups of proposals and reviewers; more than 1 means some groups cannot be compared with each other. */
  readonly components: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export const DEFAULT_OFFSET_PENALTY = 3;
export const DEFAULT_DISAGREEMENT_RANGE = 0.25;

function indexOf(map: Map<string, number>, ids: string[], id: string): number {
  let i = map.get(id);
  if (i === undefined) {
    i = ids.length;
    map.set(id, i);
    ids.push(id);
  }
  return i;
}

/** Competition ranks ("1224") of `values`, higher first. */
function ranks(values: Float64Array, order: Int32Array): Int32Array {
  const rank = new Int32Array(values.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const previous = k > 0 ? (order[k - 1] as number) : -1;
    rank[i] = previous >= 0 && values[previous] === values[i] ? (rank[previous] as number) : k + 1;
  }
  return rank;
}

function sortedBy(values: Float64Array, ids: readonly string[]): Int32Array {
  const order = Int32Array.from(values, (_, i) => i);
  return order.sort((a, b) => {
    const d = (values[b] as number) - (values[a] as number);
    if (d !== 0) return d;
    const ia = ids[a] as string;
    const ib = ids[b] as string;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/**
 * Calibrates `reviews` (see the module comment). Throws RangeError on a score that is not a finite number within the
 * scale, on two reviews of the same proposal by the same reviewer, or on invalid options.
 */
export function calibrateScores(reviews: readonly Review[], options: CalibrationOptions = {}): CalibrationResult {
  const scale = options.scale ?? { min: 0, max: 100 };
  const lambda = options.offsetPenalty ?? DEFAULT_OFFSET_PENALTY;
  const disagreementRange = options.disagreementRange ?? DEFAULT_DISAGREEMENT_RANGE;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  if (!(scale.max > scale.min)) throw new RangeError('scale.max must be above scale.min');
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError('offsetPenalty must be a positive number');
  if (!(disagreementRange >= 0)) throw new RangeError('disagreementRange must be 0 or more');

  const proposalIndex = new Map<string, number>();
  const reviewerIndex = new Map<string, number>();
  const proposalIds: string[] = [];
  const reviewerIds: string[] = [];
  const k = reviews.length;
  const reviewProposal = new Int32Array(k);
  const reviewReviewer = new Int32Array(k);
  const score = new Float64Array(k);
  const pairs = new Set<string>();
  reviews.forEach((review, i) => {
    const s = review.score;
    if (typeof s !== 'number' || !Number.isFinite(s) || s < scale.min || s > scale.max) {
      throw new RangeError(
        `score of ${JSON.stringify(review.reviewer)} on ${JSON.stringify(review.proposal)} must be a number within ` +
          `${scale.min}–${scale.max}, got ${String(s)}`,
      );
    }
    const pair = JSON.stringify([review.proposal, review.reviewer]);
    if (pairs.has(pair)) {
      throw new RangeError(`${JSON.stringify(review.reviewer)} reviewed ${JSON.stringify(review.proposal)} twice`);
    }
    pairs.add(pair);
    reviewProposal[i] = indexOf(proposalIndex, proposalIds, review.proposal);
    reviewReviewer[i] = indexOf(reviewerIndex, reviewerIds, review.reviewer);
    score[i] = s;
  });
  const np = proposalIds.length;
  const nr = reviewerIds.length;

  // Per proposal: count, sum, min, max; per reviewer: count.
  const pCount = new Float64Array(np);
  const pSum = new Float64Array(np);
  const pMin = new Float64Array(np).fill(Number.POSITIVE_INFINITY);
  const pMax = new Float64Array(np).fill(Number.NEGATIVE_INFINITY);
  const rCount = new Float64Array(nr);
  for (let i = 0; i < k; i++) {
    const p = reviewProposal[i] as number;
    const s = score[i] as number;
    pCount[p] = (pCount[p] as number) + 1;
    pSum[p] = (pSum[p] as number) + s;
    if (s < (pMin[p] as number)) pMin[p] = s;
    if (s > (pMax[p] as number)) pMax[p] = s;
    const r = reviewReviewer[i] as number;
    rCount[r] = (rCount[r] as number) + 1;
  }
  const rawMean = pSum.map((sum, p) => sum / (pCount[p] as number));
  const pSquares = new Float64Array(np);
  for (let i = 0; i < k; i++) {
    const p = reviewProposal[i] as number;
    const d = (score[i] as number) - (rawMean[p] as number);
    pSquares[p] = (pSquares[p] as number) + d * d;
  }

  // A x = (n_r + λ) x_r − Σ_{reviews of r} u_p, with u_p = mean of x over the reviewers of p.
  const u = new Float64Array(np);
  const multiply = (x: Float64Array, out: Float64Array) => {
    u.fill(0);
    for (let i = 0; i < k; i++) {
      const p = reviewProposal[i] as number;
      u[p] = (u[p] as number) + (x[reviewReviewer[i] as number] as number);
    }
    for (let p = 0; p < np; p++) u[p] = (u[p] as number) / (pCount[p] as number);
    for (let r = 0; r < nr; r++) out[r] = ((rCount[r] as number) + lambda) * (x[r] as number);
    for (let i = 0; i < k; i++) {
      const r = reviewReviewer[i] as number;
      out[r] = (out[r] as number) - (u[reviewProposal[i] as number] as number);
    }
  };
  const rhs = new Float64Array(nr);
  const diagonal = new Float64Array(nr).fill(lambda);
  for (let i = 0; i < k; i++) {
    const p = reviewProposal[i] as number;
    const r = reviewReviewer[i] as number;
    rhs[r] = (rhs[r] as number) + (score[i] as number) - (rawMean[p] as number);
    diagonal[r] = (diagonal[r] as number) + 1 - 1 / (pCount[p] as number);
  }

  // Preconditioned conjugate gradients from offset = 0.
  const offset = new Float64Array(nr);
  const residual = rhs.slice();
  const z = residual.map((v, r) => v / (diagonal[r] as number));
  const direction = z.slice();
  const product = new Float64Array(nr);
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
    return s;
  };
  const rhsNorm = Math.sqrt(dot(rhs, rhs));
  let rz = dot(residual, z);
  let iterations = 0;
  let converged = rhsNorm === 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    multiply(direction, product);
    const alpha = rz / dot(direction, product);
    for (let r = 0; r < nr; r++) {
      offset[r] = (offset[r] as number) + alpha * (direction[r] as number);
      residual[r] = (residual[r] as number) - alpha * (product[r] as number);
    }
    if (Math.sqrt(dot(residual, residual)) <= tolerance * rhsNorm) {
      converged = true;
      break;
    }
    for (let r = 0; r < nr; r++) z[r] = (residual[r] as number) / (diagonal[r] as number);
    const rzNext = dot(residual, z);
    const beta = rzNext / rz;
    rz = rzNext;
    for (let r = 0; r < nr; r++) direction[r] = (z[r] as number) + beta * (direction[r] as number);
  }

  // Connected components (union-find over proposals 0..np-1 and reviewers np..np+nr-1).
  const parent = Int32Array.from({ length: np + nr }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (let i = 0; i < k; i++) {
    const a = find(reviewProposal[i] as number);
    const b = find(np + (reviewReviewer[i] as number));
    if (a !== b) parent[a] = b;
  }
  // The optimum has mean-zero offsets in each component; remove what the solver's tolerance left.
  const componentSum = new Map<number, { sum: number; count: number }>();
  for (let r = 0; r < nr; r++) {
    const root = find(np + r);
    const c = componentSum.get(root) ?? { sum: 0, count: 0 };
    c.sum += offset[r] as number;
    c.count++;
    componentSum.set(root, c);
  }
  for (let r = 0; r < nr; r++) {
    const c = componentSum.get(find(np + r)) as { sum: number; count: number };
    offset[r] = (offset[r] as number) - c.sum / c.count;
  }

  // quality(p) = rawMean(p) − mean offset of its reviewers.
  const calibrated = rawMean.slice();
  for (let i = 0; i < k; i++) {
    const p = reviewProposal[i] as number;
    calibrated[p] = (calibrated[p] as number) - (offset[reviewReviewer[i] as number] as number) / (pCount[p] as number);
  }

  const rawOrder = sortedBy(rawMean, proposalIds);
  const calibratedOrder = sortedBy(calibrated, proposalIds);
  const rankRaw = ranks(rawMean, rawOrder);
  const rankCalibrated = ranks(calibrated, calibratedOrder);
  const width = scale.max - scale.min;

  const proposals = Array.from(calibratedOrder, (p): CalibratedProposal => {
    const n = pCount[p] as number;
    const range = (pMax[p] as number) - (pMin[p] as number);
    return {
      proposal: proposalIds[p] as string,
      reviews: n,
      rawMean: rawMean[p] as number,
      calibrated: calibrated[p] as number,
      min: pMin[p] as number,
      max: pMax[p] as number,
      range,
      sd: n > 1 ? Math.sqrt((pSquares[p] as number) / (n - 1)) : 0,
      disagreement: n >= 2 && range > disagreementRange * width,
      rankRaw: rankRaw[p] as number,
      rankCalibrated: rankCalibrated[p] as number,
    };
  });
  const reviewers = reviewerIds
    .map(
      (reviewer, r): ReviewerCalibration => ({ reviewer, offset: offset[r] as number, reviews: rCount[r] as number }),
    )
    .sort((a, b) => (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
  const roots = new Set<number>();
  for (let x = 0; x < np + nr; x++) roots.add(find(x));

  return { proposals, reviewers, components: roots.size, iterations, converged };
}
