/**
 * Minimum-cost flow by cost scaling (Goldberg's push-relabel "refine", as in CS2), on typed arrays.
 *
 * The network: nodes 0..n-1 with integer supplies (> 0 supply, < 0 demand, summing to 0) and arcs with an integer
 * capacity ≥ 0 and an integer cost. Residual arcs live in a CSR adjacency (per node, its out-arcs then, in the same
 * order, the reverses of its in-arcs), each paired with its reverse through `rev`; no per-arc objects.
 *
 * Exactness: costs are multiplied by n + 1 and ε is divided by α each phase down to 1. A flow that is 1-optimal for
 * the multiplied costs is 1/(n+1)-optimal for the original integer costs, hence optimal (any residual cycle has at
 * most n arcs, so its cost is > -1, so ≥ 0). All numbers are integers kept in float64, exact below 2^53: the caller
 * keeps max|cost| × (n + 1) well below that (see {@link MAX_SCALED_COST}); prices are checked as they move.
 *
 * Heuristics: FIFO selection of active nodes, push look-ahead (do not push into a node without an admissible arc:
 * relabel it first), and global price updates (a Dijkstra-like bucket search from the deficits, as CS2's
 * price_update) every ~n/2 relabels and at the start of each phase.
 *
 * Infeasibility is detected when an excess can no longer reach any deficit in the residual graph (checked at each
 * global price update, which a stuck refine soon triggers): the result then says `feasible: false`. Prices beyond
 * the exact float64 range throw (a bug guard).
 */

export interface FlowNetwork {
  readonly nodeCount: number;
  readonly tail: Int32Array;
  readonly head: Int32Array;
  readonly capacity: Int32Array;
  /** Integer costs. */
  readonly cost: Float64Array;
  /** Per node: > 0 supply, < 0 demand; sums to 0. */
  readonly supply: Int32Array;
}

export interface MinCostFlowOptions {
  /** ε is divided by this each phase (default 10). */
  readonly scalingFactor?: number;
  /**
   * Starting prices (in the original cost units, integers), e.g. a guess of the optimal duals: the first phase then
   * starts at the ε they leave, with fewer arcs to saturate. Default 0.
   */
  readonly initialPrices?: Float64Array;
  /** Called after each ε phase with the fraction of phases done (0..1]. */
  readonly onProgress?: (fraction: number) => void;
}

export interface MinCostFlowStats {
  phases: number;
  pushes: number;
  relabels: number;
  priceUpdates: number;
}

export interface MinCostFlowResult {
  /** False when the supplies cannot be routed; flow and cost are then meaningless. */
  readonly feasible: boolean;
  /** Flow per arc of the network (same index as `tail`). */
  readonly flow: Int32Array;
  /** Σ flow × cost, with the original costs. */
  readonly cost: number;
  readonly stats: MinCostFlowStats;
}

/** max|cost| × (n + 1) must stay below this, so that prices (a few times that) stay exact in float64. */
export const MAX_SCALED_COST = 2 ** 46;
const PRICE_LIMIT = 2 ** 52;

interface Residual {
  /** CSR offsets: the residual arcs of node v are first[v] .. first[v+1]-1. */
  first: Int32Array;
  head: Int32Array;
  rev: Int32Array;
  rescap: Int32Array;
  /** rescap[a] + rescap[rev[a]], constant: the reverse's residual capacity without a random access. */
  total: Int32Array;
  cost: Float64Array;
  /** Position of each network arc's forward residual arc, or -1 when its capacity is 0 or it is a loop. */
  forward: Int32Array;
}

function buildResidual(net: FlowNetwork, multiplier: number): Residual {
  const n = net.nodeCount;
  const m = net.tail.length;
  const { tail, head, capacity, cost } = net;
  const first = new Int32Array(n + 1);
  let used = 0;
  for (let e = 0; e < m; e++) {
    if (capacity[e]! <= 0 || tail[e] === head[e]) continue;
    first[tail[e]! + 1]!++;
    first[head[e]! + 1]!++;
    used++;
  }
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, n);
  const size = 2 * used;
  const rHead = new Int32Array(size);
  const rev = new Int32Array(size);
  const rescap = new Int32Array(size);
  const total = new Int32Array(size);
  const rCost = new Float64Array(size);
  const forward = new Int32Array(m).fill(-1);
  for (let e = 0; e < m; e++) {
    const cap = capacity[e]!;
    if (cap <= 0 || tail[e] === head[e]) continue;
    const u = tail[e]!;
    const v = head[e]!;
    const a = fill[u]!++;
    const b = fill[v]!++;
    const c = cost[e]! * multiplier;
    rHead[a] = v;
    rHead[b] = u;
    rev[a] = b;
    rev[b] = a;
    rescap[a] = cap;
    total[a] = cap;
    total[b] = cap;
    rCost[a] = c;
    rCost[b] = -c;
    forward[e] = a;
  }
  return { first, head: rHead, rev, rescap, total, cost: rCost, forward };
}

export function solveMinCostFlow(net: FlowNetwork, options: MinCostFlowOptions = {}): MinCostFlowResult {
  const n = net.nodeCount;
  const m = net.tail.length;
  const alpha = options.scalingFactor ?? 10;
  let maxCost = 0;
  let supplySum = 0;
  for (let e = 0; e < m; e++) {
    const c = Math.abs(net.cost[e]!);
    if (!Number.isInteger(c)) throw new Error(`min-cost flow: cost of arc ${e} is not an integer`);
    if (net.capacity[e]! > 0 && c > maxCost) maxCost = c;
  }
  for (let v = 0; v < n; v++) supplySum += net.supply[v]!;
  if (supplySum !== 0) throw new Error(`min-cost flow: supplies sum to ${supplySum}, not 0`);
  const multiplier = n + 1;
  if (maxCost * multiplier > MAX_SCALED_COST)
    throw new Error(`min-cost flow: max|cost| ${maxCost} × ${multiplier} nodes exceeds 2^46`);

  const { first, head, rev, rescap, total, cost, forward } = buildResidual(net, multiplier);
  const price = new Float64Array(n);
  if (options.initialPrices) {
    for (let v = 0; v < n; v++) {
      const p = options.initialPrices[v]!;
      if (!Number.isInteger(p) || Math.abs(p) * multiplier > MAX_SCALED_COST)
        throw new Error(`min-cost flow: initial price of node ${v} is not an integer in range`);
      price[v] = p * multiplier;
    }
  }
  const excess = Int32Array.from(net.supply);
  const cur = new Int32Array(n);
  const queue = new Int32Array(n);
  let qHead = 0;
  let qTail = 0;
  let qSize = 0;
  const stats: MinCostFlowStats = { phases: 0, pushes: 0, relabels: 0, priceUpdates: 0 };

  // Global price update state.
  // Ranks below `buckets` live in bucket lists; larger ones (rare: a long way to a deficit at a small ε) in a heap.
  const buckets = n + 1;
  const bucketHead = new Int32Array(buckets);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const rank = new Float64Array(n);
  const scanned = new Uint8Array(n);
  const heap = new MinHeap();
  const updateEvery = Math.max(64, Math.floor(n / 2));
  let relabelsSinceUpdate = 0;

  let eps = 1;

  const enqueue = (v: number) => {
    queue[qTail] = v;
    qTail = qTail + 1 === n ? 0 : qTail + 1;
    qSize++;
  };

  /**
   * Lowers p(v) so that its cheapest residual arc becomes admissible (reduced cost −ε). False when v has excess and
   * no residual arc at all (infeasible).
   */
  const relabel = (v: number): boolean => {
    let best = Number.NEGATIVE_INFINITY;
    const end = first[v + 1]!;
    for (let a = first[v]!; a < end; a++) {
      if (rescap[a] === 0) continue;
      const t = price[head[a]!]! - cost[a]!;
      if (t > best) best = t;
    }
    if (best === Number.NEGATIVE_INFINITY) {
      if (excess[v]! > 0) return false;
      best = price[v]!;
    }
    const p = best - eps;
    if (p < -PRICE_LIMIT) throw new Error('min-cost flow: prices left the exact float64 range (infeasible network?)');
    price[v] = p;
    cur[v] = first[v]!;
    stats.relabels++;
    relabelsSinceUpdate++;
    return true;
  };

  /** Whether v has an admissible arc; moves its current arc there. */
  const hasAdmissible = (v: number): boolean => {
    const end = first[v + 1]!;
    const pv = price[v]!;
    for (let a = cur[v]!; a < end; a++) {
      if (rescap[a] !== 0 && cost[a]! + pv - price[head[a]!]! < 0) {
        cur[v] = a;
        return true;
      }
    }
    return false;
  };

  const bucketInsert = (b: number, v: number) => {
    const h = bucketHead[b]!;
    next[v] = h;
    prev[v] = -1;
    if (h !== -1) prev[h] = v;
    bucketHead[b] = v;
  };
  const bucketRemove = (b: number, v: number) => {
    const p = prev[v]!;
    const q = next[v]!;
    if (p !== -1) next[p] = q;
    else bucketHead[b] = q;
    if (q !== -1) prev[q] = p;
  };

  /**
   * Set relabelling from the deficits: rank(v) = the ε-length of v's shortest residual path to a deficit, where an
   * arc of reduced cost c weighs floor(c/ε) + 1 (0 when admissible). Lowering p(v) by rank(v)·ε keeps ε-optimality
   * and gives every excess an admissible path. Stops once every excess is reached; the rest get the last rank.
   * Returns false when an excess cannot reach any deficit at all: then no feasible flow exists.
   */
  const globalUpdate = (): boolean => {
    stats.priceUpdates++;
    relabelsSinceUpdate = 0;
    let remaining = 0;
    bucketHead.fill(-1);
    scanned.fill(0);
    heap.clear();
    for (let v = 0; v < n; v++) {
      const ex = excess[v]!;
      if (ex < 0) {
        rank[v] = 0;
        bucketInsert(0, v);
      } else {
        rank[v] = Number.POSITIVE_INFINITY;
        if (ex > 0) remaining++;
      }
    }
    if (remaining === 0) return true;
    let last = 0;
    const scan = (i: number, b: number) => {
      scanned[i] = 1;
      last = b;
      const pi = price[i]!;
      const end = first[i + 1]!;
      for (let a = first[i]!; a < end; a++) {
        // The residual arc j → i is a's reverse: capacity total − rescap, cost −cost[a].
        if (rescap[a] === total[a]) continue;
        const j = head[a]!;
        if (scanned[j] === 1) continue;
        const nr = b + Math.floor((price[j]! - cost[a]! - pi) / eps) + 1;
        const rj = rank[j]!;
        if (nr < rj) {
          if (rj < buckets) bucketRemove(rj, j);
          rank[j] = nr;
          if (nr < buckets) bucketInsert(nr, j);
          else heap.push(j, nr);
        }
      }
    };
    outer: for (let b = 0; b < buckets; b++) {
      while (bucketHead[b] !== -1) {
        const i = bucketHead[b]!;
        bucketRemove(b, i);
        if (excess[i]! > 0 && --remaining === 0) {
          scanned[i] = 1;
          last = b;
          break outer;
        }
        scan(i, b);
      }
    }
    while (remaining > 0 && heap.size > 0) {
      const key = heap.topKey();
      const i = heap.pop();
      if (scanned[i] === 1 || rank[i] !== key) continue; // a stale entry
      if (excess[i]! > 0 && --remaining === 0) {
        scanned[i] = 1;
        last = key;
        break;
      }
      scan(i, key);
    }
    // Every node that can reach a deficit has been scanned: an excess left over cannot.
    if (remaining > 0) return false;
    for (let v = 0; v < n; v++) {
      const r = scanned[v] === 1 ? rank[v]! : last;
      if (r > 0) {
        const p = price[v]! - r * eps;
        if (p < -PRICE_LIMIT) throw new Error('min-cost flow: prices left the exact float64 range');
        price[v] = p;
      }
      cur[v] = first[v]!;
    }
    return true;
  };

  /** One ε phase; false when the network turns out infeasible. */
  const refine = (): boolean => {
    // Saturate every arc of negative reduced cost: the flow becomes 0-optimal, a pseudoflow with excesses.
    for (let v = 0; v < n; v++) {
      const pv = price[v]!;
      const end = first[v + 1]!;
      for (let a = first[v]!; a < end; a++) {
        const r = rescap[a]!;
        if (r === 0) continue;
        const w = head[a]!;
        if (cost[a]! + pv - price[w]! < 0) {
          rescap[a] = 0;
          rescap[rev[a]!]! += r;
          excess[v]! -= r;
          excess[w]! += r;
        }
      }
    }
    qHead = 0;
    qTail = 0;
    qSize = 0;
    for (let v = 0; v < n; v++) {
      cur[v] = first[v]!;
      if (excess[v]! > 0) enqueue(v);
    }
    if (qSize > 0 && !globalUpdate()) return false;

    while (qSize > 0) {
      if (relabelsSinceUpdate >= updateEvery && !globalUpdate()) return false;
      const v = queue[qHead]!;
      qHead = qHead + 1 === n ? 0 : qHead + 1;
      qSize--;
      let ex = excess[v]!;
      while (ex > 0) {
        const end = first[v + 1]!;
        const pv = price[v]!;
        let a = cur[v]!;
        for (; a < end; a++) {
          const r = rescap[a]!;
          if (r === 0) continue;
          const w = head[a]!;
          if (cost[a]! + pv - price[w]! >= 0) continue;
          // Look-ahead: pushing into a node that cannot pass the flow on would only bounce it back.
          if (excess[w]! >= 0 && !hasAdmissible(w)) {
            relabel(w);
            if (cost[a]! + pv - price[w]! >= 0) continue;
          }
          const d = Math.min(ex, r);
          rescap[a] = r - d;
          rescap[rev[a]!]! += d;
          ex -= d;
          const ew = excess[w]!;
          excess[w] = ew + d;
          if (ew <= 0 && ew + d > 0) enqueue(w);
          stats.pushes++;
          if (ex === 0) break;
        }
        excess[v] = ex;
        if (ex === 0) cur[v] = a;
        else {
          if (!relabel(v)) return false;
          // Also here: a node whose excess cannot leave would otherwise relabel itself and a neighbour forever.
          if (relabelsSinceUpdate >= updateEvery && !globalUpdate()) return false;
        }
      }
    }
    return true;
  };

  // The zero flow is ε-optimal for the largest negative reduced cost of an arc.
  let start = 1;
  for (let v = 0; v < n; v++) {
    const pv = price[v]!;
    for (let a = first[v]!; a < first[v + 1]!; a++) {
      if (rescap[a] === 0) continue;
      const reduced = cost[a]! + pv - price[head[a]!]!;
      if (-reduced > start) start = -reduced;
    }
  }
  let totalPhases = 0;
  for (let e = start; ; ) {
    e = Math.max(1, Math.floor(e / alpha));
    totalPhases++;
    if (e === 1) break;
  }
  eps = start;
  do {
    eps = Math.max(1, Math.floor(eps / alpha));
    if (!refine()) return { feasible: false, flow: new Int32Array(m), cost: 0, stats };
    stats.phases++;
    options.onProgress?.(stats.phases / totalPhases);
  } while (eps > 1);

  const flow = new Int32Array(m);
  let totalCost = 0;
  for (let e = 0; e < m; e++) {
    const a = forward[e]!;
    // Arcs left out of the residual graph: empty, or a loop (full when it pays).
    const f = a >= 0 ? net.capacity[e]! - rescap[a]! : net.cost[e]! < 0 ? Math.max(0, net.capacity[e]!) : 0;
    if (f === 0) continue;
    flow[e] = f;
    totalCost += f * net.cost[e]!;
  }
  return { feasible: true, flow, cost: totalCost, stats };
}

/**
 * Optimal dual prices for an optimal flow: shortest-path distances in its residual graph from a virtual root joined
 * to every node (label-correcting, FIFO). Every residual arc then has a reduced cost c(u,v) + π(u) − π(v) ≥ 0, and by
 * complementary slackness an arc of negative reduced cost is full and one of positive reduced cost is empty in every
 * optimal flow. Throws if the flow is not optimal (a negative cycle).
 */
export function optimalPotentials(net: FlowNetwork, flow: Int32Array): Float64Array {
  const n = net.nodeCount;
  const m = net.tail.length;
  const { tail, head, capacity, cost } = net;
  const first = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (flow[e]! < capacity[e]!) first[tail[e]! + 1]!++;
    if (flow[e]! > 0) first[head[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, n);
  const to = new Int32Array(first[n]!);
  const len = new Float64Array(first[n]!);
  for (let e = 0; e < m; e++) {
    if (flow[e]! < capacity[e]!) {
      const a = fill[tail[e]!]!++;
      to[a] = head[e]!;
      len[a] = cost[e]!;
    }
    if (flow[e]! > 0) {
      const a = fill[head[e]!]!++;
      to[a] = tail[e]!;
      len[a] = -cost[e]!;
    }
  }
  const dist = new Float64Array(n);
  const inQueue = new Uint8Array(n).fill(1);
  const queue = new Int32Array(n);
  for (let v = 0; v < n; v++) queue[v] = v;
  let qHead = 0;
  let qSize = n;
  const passes = new Int32Array(n);
  while (qSize > 0) {
    const u = queue[qHead]!;
    qHead = qHead + 1 === n ? 0 : qHead + 1;
    qSize--;
    inQueue[u] = 0;
    const du = dist[u]!;
    const end = first[u + 1]!;
    for (let a = first[u]!; a < end; a++) {
      const v = to[a]!;
      const dv = du + len[a]!;
      if (dv < dist[v]!) {
        dist[v] = dv;
        if (inQueue[v] === 0) {
          if (++passes[v]! > n) throw new Error('optimal potentials: negative cycle, the flow is not optimal');
          inQueue[v] = 1;
          queue[(qHead + qSize) % n] = v;
          qSize++;
        }
      }
    }
  }
  return dist;
}

/** A binary min-heap of (node, key), for the rare large ranks of a global price update. */
class MinHeap {
  private nodes = new Int32Array(64);
  private keys = new Float64Array(64);
  size = 0;

  clear() {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  push(node: number, key: number) {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      const keys = new Float64Array(this.size * 2);
      nodes.set(this.nodes);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.nodes[i] = this.nodes[parent]!;
      this.keys[i] = this.keys[parent]!;
      i = parent;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  pop(): number {
    const top = this.nodes[0]!;
    const node = this.nodes[--this.size]!;
    const key = this.keys[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.nodes[i] = this.nodes[child]!;
      this.keys[i] = this.keys[child]!;
      i = child;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
    return top;
  }
}
