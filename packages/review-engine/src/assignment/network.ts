/**
 * The flow network of an assignment instance (see solve.ts for the model and why it is exact).
 *
 * Each proposal p needs k_p reviewers (its own `k`, else the instance's). A proposal with k_p = 0 gets its node P and
 * nothing else: no arc reaches it. One with k_p = 1 gets no group nodes (it takes one reviewer in all anyway).
 *
 * Nodes: 0 the source s; 1..R the reviewers; then per proposal p its node P, when `outsideCountry` and k_p ≥ 1 its
 * "outside" node O (the candidates from a country outside the consortium), and one group node per institution — or
 * per country with `onePerCountry` — that has at least two usable candidates on p.
 *
 * Arcs, in this order (the order fixes the tie-breaking, so the result is deterministic):
 *   s → reviewer        capacity maxLoad − minLoad (the lower bound minLoad is the reviewer's supply)
 *   per proposal, per usable candidate in input order:
 *     reviewer → leaf   capacity 1, cost −round(affinity × scale); the leaf is the candidate's group node, else
 *                       O when the candidate is outside, else P
 *   group → O or P      capacity 1 (at most one reviewer of the group)
 *   O → P               capacity k_p − 1 (lower bound 1 moved into the supplies: O demands 1, P demands k_p − 1)
 *   slack arcs, cost 1 in the feasibility phase, never in the final flow unless the instance is infeasible:
 *     s → P (capacity k_p, a place left empty), s → O (capacity 1, no outside reviewer), reviewer → s (capacity
 *     minLoad, a reviewer below its minimum)
 * Supplies: reviewer minLoad; P −k_p (+1 with O); O −1; s balances the rest (Σ k_p − Σ minLoad, maybe < 0).
 */
import { type AssignmentConstraints, type AssignmentInstanceInput, MAX_K } from './schema.js';

/** Affinities become integer costs: −round(affinity × scale). 10^6 unless the largest affinity needs fewer digits. */
export const DEFAULT_AFFINITY_SCALE = 1e6;

/** The instance with indices instead of ids, candidates grouped by proposal. */
export interface IndexedInstance {
  readonly constraints: AssignmentConstraints;
  readonly proposalIds: readonly string[];
  /** Per proposal: the reviewers it needs (its own `k`, else the instance's; 0 = none). */
  readonly proposalK: Int32Array;
  /** The largest of proposalK (0 without proposals). */
  readonly maxK: number;
  /** Σ proposalK: the places to fill. */
  readonly places: number;
  readonly proposalCountries: readonly (readonly string[])[];
  readonly reviewerIds: readonly string[];
  readonly reviewerInstitution: Int32Array;
  readonly reviewerCountry: Int32Array;
  readonly institutionNames: readonly string[];
  readonly countryNames: readonly string[];
  readonly minLoad: Int32Array;
  readonly maxLoad: Int32Array;
  /** Per candidate (input order). */
  readonly candidateProposal: Int32Array;
  readonly candidateReviewer: Int32Array;
  readonly candidateAffinity: Float64Array;
  readonly candidateConflict: Uint8Array;
  /** Candidates of proposal p: byProposal[byProposalStart[p] .. byProposalStart[p+1]-1], in input order. */
  readonly byProposal: Int32Array;
  readonly byProposalStart: Int32Array;
}

function interner() {
  const ids = new Map<string, number>();
  const names: string[] = [];
  return {
    names,
    id(name: string): number {
      let i = ids.get(name);
      if (i === undefined) {
        i = names.length;
        ids.set(name, i);
        names.push(name);
      }
      return i;
    },
  };
}

/**
 * Indexes an instance; throws on what the schema reports with paths: unknown ids, a pair listed twice, minLoad >
 * maxLoad, a `k` out of range, an institution in two countries when the rules need them nested.
 */
export function indexInstance(instance: AssignmentInstanceInput): IndexedInstance {
  const constraints: AssignmentConstraints = {
    onePerInstitution: instance.constraints?.onePerInstitution ?? true,
    onePerCountry: instance.constraints?.onePerCountry ?? false,
    outsideCountry: instance.constraints?.outsideCountry ?? false,
  };
  const P = instance.proposals.length;
  const R = instance.reviewers.length;
  const proposalIndex = new Map<string, number>();
  const proposalK = new Int32Array(P);
  let maxK = 0;
  let places = 0;
  const validK = (k: unknown): k is number => Number.isInteger(k) && (k as number) >= 0 && (k as number) <= MAX_K;
  instance.proposals.forEach((p, i) => {
    if (proposalIndex.has(p.id)) throw new Error(`duplicate proposal id "${p.id}"`);
    proposalIndex.set(p.id, i);
    const k = p.k ?? instance.k;
    if (!validK(k)) throw new Error(`proposals[${i}]: k must be an integer from 0 to ${MAX_K}`);
    proposalK[i] = k;
    if (k > maxK) maxK = k;
    places += k;
  });
  if (places > 2 ** 31 - 1) throw new Error(`the proposals need ${places} reviews in all: more than 2^31 − 1`);
  const reviewerIndex = new Map<string, number>();
  const institutions = interner();
  const countries = interner();
  const reviewerInstitution = new Int32Array(R);
  const reviewerCountry = new Int32Array(R);
  const minLoad = new Int32Array(R);
  const maxLoad = new Int32Array(R);
  instance.reviewers.forEach((r, i) => {
    if (reviewerIndex.has(r.id)) throw new Error(`duplicate reviewer id "${r.id}"`);
    reviewerIndex.set(r.id, i);
    reviewerInstitution[i] = institutions.id(r.institution);
    reviewerCountry[i] = countries.id(r.country);
    minLoad[i] = r.minLoad ?? 0;
    maxLoad[i] = r.maxLoad;
    if (minLoad[i]! > maxLoad[i]!) throw new Error(`reviewer "${r.id}": minLoad > maxLoad`);
  });

  // The network has one layer of group nodes: with onePerInstitution and a country rule, institutions must nest in
  // countries (the schema reports this with paths; here it only guards the model).
  if (constraints.onePerInstitution && (constraints.onePerCountry || constraints.outsideCountry)) {
    const countryOf = new Int32Array(institutions.names.length).fill(-1);
    for (let r = 0; r < R; r++) {
      const inst = reviewerInstitution[r]!;
      if (countryOf[inst] === -1) countryOf[inst] = reviewerCountry[r]!;
      else if (countryOf[inst] !== reviewerCountry[r])
        throw new Error(`institution "${institutions.names[inst]}" is in more than one country`);
    }
  }

  const C = instance.candidates.length;
  const candidateProposal = new Int32Array(C);
  const candidateReviewer = new Int32Array(C);
  const candidateAffinity = new Float64Array(C);
  const byProposalStart = new Int32Array(P + 1);
  for (let i = 0; i < C; i++) {
    const c = instance.candidates[i]!;
    const p = proposalIndex.get(c.proposal);
    const r = reviewerIndex.get(c.reviewer);
    if (p === undefined) throw new Error(`candidates[${i}]: unknown proposal "${c.proposal}"`);
    if (r === undefined) throw new Error(`candidates[${i}]: unknown reviewer "${c.reviewer}"`);
    if (!(c.affinity >= 0) || !Number.isFinite(c.affinity))
      throw new Error(`candidates[${i}]: affinity must be a finite number ≥ 0`);
    candidateProposal[i] = p;
    candidateReviewer[i] = r;
    candidateAffinity[i] = c.affinity;
    byProposalStart[p + 1]!++;
  }
  for (let p = 0; p < P; p++) byProposalStart[p + 1]! += byProposalStart[p]!;
  const fill = byProposalStart.slice(0, P);
  const byProposal = new Int32Array(C);
  for (let i = 0; i < C; i++) byProposal[fill[candidateProposal[i]!]!++] = i;

  // Conflicts, then duplicates: mark each proposal's reviewers with a stamp.
  const conflicts = new Map<number, number[]>();
  for (const [i, c] of (instance.conflicts ?? []).entries()) {
    const p = proposalIndex.get(c.proposal);
    const r = reviewerIndex.get(c.reviewer);
    if (p === undefined) throw new Error(`conflicts[${i}]: unknown proposal "${c.proposal}"`);
    if (r === undefined) throw new Error(`conflicts[${i}]: unknown reviewer "${c.reviewer}"`);
    const list = conflicts.get(p);
    if (list) list.push(r);
    else conflicts.set(p, [r]);
  }
  const candidateConflict = new Uint8Array(C);
  const stamp = new Int32Array(R).fill(-1);
  const conflictStamp = new Int32Array(R).fill(-1);
  for (let p = 0; p < P; p++) {
    for (const r of conflicts.get(p) ?? []) conflictStamp[r] = p;
    for (let j = byProposalStart[p]!; j < byProposalStart[p + 1]!; j++) {
      const i = byProposal[j]!;
      const r = candidateReviewer[i]!;
      if (stamp[r] === p)
        throw new Error(
          `candidates[${i}]: pair ("${instance.proposals[p]!.id}", "${instance.reviewers[r]!.id}") twice`,
        );
      stamp[r] = p;
      if (conflictStamp[r] === p) candidateConflict[i] = 1;
    }
  }

  return {
    constraints,
    proposalIds: instance.proposals.map((p) => p.id),
    proposalK,
    maxK,
    places,
    proposalCountries: instance.proposals.map((p) => p.countries ?? []),
    reviewerIds: instance.reviewers.map((r) => r.id),
    reviewerInstitution,
    reviewerCountry,
    institutionNames: institutions.names,
    countryNames: countries.names,
    minLoad,
    maxLoad,
    candidateProposal,
    candidateReviewer,
    candidateAffinity,
    candidateConflict,
    byProposal,
    byProposalStart,
  };
}

export interface AssignmentNetwork {
  readonly nodeCount: number;
  readonly tail: Int32Array;
  readonly head: Int32Array;
  readonly capacity: Int32Array;
  readonly supply: Int32Array;
  /** Per arc: the candidate of a reviewer → leaf arc, else -1. */
  readonly arcCandidate: Int32Array;
  /** Arcs from this index on are slack arcs. */
  readonly slackStart: number;
  /** Per arc: the integer cost of the optimisation phase (−round(affinity × scale) on candidate arcs, else 0). */
  readonly affinityCost: Float64Array;
  readonly affinityScale: number;
  /**
   * A guess of the optimal prices to start the optimisation from (min-cost-flow `initialPrices`): every node of
   * proposal p's part of the network gets −(the (k_p+1)-th best cost of p), so only its k_p best candidate arcs have
   * a negative reduced cost at first, instead of all of them.
   */
  readonly initialPrice: Float64Array;
  readonly units: number;
}

/** The affinity scale: 10^6, or a smaller power of 10 when max affinity × scale × (nodes + 1) would exceed `limit`. */
export function chooseAffinityScale(maxAffinity: number, nodeCount: number, limit: number): number {
  let scale = DEFAULT_AFFINITY_SCALE;
  while (scale > 1e-9 && Math.round(maxAffinity * scale) * (nodeCount + 1) > limit) scale /= 10;
  return scale;
}

export function buildNetwork(ix: IndexedInstance, costLimit: number): AssignmentNetwork {
  const { proposalK, constraints, byProposal, byProposalStart, candidateReviewer, candidateConflict } = ix;
  const P = ix.proposalIds.length;
  const R = ix.reviewerIds.length;
  const outside = constraints.outsideCountry;
  const grouped = constraints.onePerCountry || constraints.onePerInstitution;
  const groupOf = constraints.onePerCountry ? ix.reviewerCountry : ix.reviewerInstitution;

  // Usable candidates: no conflict, on a proposal that needs someone.
  let usable = 0;
  let maxAffinity = 0;
  for (let i = 0; i < byProposal.length; i++) {
    if (candidateConflict[i] === 1 || proposalK[ix.candidateProposal[i]!] === 0) continue;
    usable++;
    if (ix.candidateAffinity[i]! > maxAffinity) maxAffinity = ix.candidateAffinity[i]!;
  }
  // Upper bounds: a group node has at least two candidates.
  const maxNodes = 1 + R + P * (outside ? 2 : 1) + (grouped ? Math.floor(usable / 2) : 0);
  const maxArcs = R + usable + (grouped ? Math.floor(usable / 2) : 0) + (outside ? 2 * P : 0) + P + R;
  const tail = new Int32Array(maxArcs);
  const head = new Int32Array(maxArcs);
  const capacity = new Int32Array(maxArcs);
  const arcCandidate = new Int32Array(maxArcs).fill(-1);
  const supply = new Int32Array(maxNodes);
  let arcs = 0;
  const arc = (u: number, v: number, cap: number, candidate = -1) => {
    tail[arcs] = u;
    head[arcs] = v;
    capacity[arcs] = cap;
    arcCandidate[arcs] = candidate;
    return arcs++;
  };

  let totalMin = 0;
  for (let r = 0; r < R; r++) {
    arc(0, 1 + r, ix.maxLoad[r]! - ix.minLoad[r]!);
    supply[1 + r] = ix.minLoad[r]!;
    totalMin += ix.minLoad[r]!;
  }
  supply[0] = ix.places - totalMin;

  let nodes = 1 + R;
  const proposalNode = new Int32Array(P);
  const outsideNode = new Int32Array(P).fill(-1);
  // Per group id: how many usable candidates on the current proposal, and its node (stamped by proposal).
  const groups = grouped ? (constraints.onePerCountry ? ix.countryNames.length : ix.institutionNames.length) : 0;
  const groupCount = new Int32Array(groups);
  const groupStamp = new Int32Array(groups).fill(-1);
  const groupNode = new Int32Array(groups);
  const groupOutside = new Uint8Array(groups);
  const consortium = new Int32Array(ix.countryNames.length).fill(-1);
  const countryIndex = new Map(ix.countryNames.map((c, i) => [c, i]));

  for (let p = 0; p < P; p++) {
    const k = proposalK[p]!;
    const pn = nodes++;
    proposalNode[p] = pn;
    supply[pn] = -k;
    if (k === 0) continue; // needs nobody: no arc
    let on = -1;
    if (outside) {
      on = nodes++;
      outsideNode[p] = on;
      supply[on] = -1;
      supply[pn] = -k + 1;
      for (const c of ix.proposalCountries[p]!) {
        const ci = countryIndex.get(c);
        if (ci !== undefined) consortium[ci] = p;
      }
    }
    const start = byProposalStart[p]!;
    const end = byProposalStart[p + 1]!;
    const firstGroupArc = arcs;
    // With k_p = 1 the proposal takes one reviewer in all: a group rule holds anyway.
    const groupedP = grouped && k >= 2;
    if (groupedP) {
      for (let j = start; j < end; j++) {
        const i = byProposal[j]!;
        if (candidateConflict[i] === 1) continue;
        const g = groupOf[candidateReviewer[i]!]!;
        if (groupStamp[g] !== p) {
          groupStamp[g] = p;
          groupCount[g] = 0;
          groupNode[g] = -1;
        }
        groupCount[g]!++;
      }
    }
    for (let j = start; j < end; j++) {
      const i = byProposal[j]!;
      if (candidateConflict[i] === 1) continue;
      const r = candidateReviewer[i]!;
      const isOutside = outside && consortium[ix.reviewerCountry[r]!] !== p;
      const parent = isOutside ? on : pn;
      let leaf = parent;
      if (groupedP) {
        const g = groupOf[r]!;
        if (groupCount[g]! >= 2) {
          if (groupNode[g] === -1) {
            groupNode[g] = nodes++;
            // Institutions nest in countries (the schema checks it when it matters), so a group is all outside or
            // all inside.
            groupOutside[g] = isOutside ? 1 : 0;
          }
          leaf = groupNode[g]!;
        }
      }
      arc(1 + r, leaf, 1, i);
    }
    // The group → parent arcs, in the order the groups appeared.
    if (groupedP) {
      const last = arcs;
      for (let a = firstGroupArc; a < last; a++) {
        const g = groupOf[tail[a]! - 1]!;
        const gn = groupNode[g]!;
        if (groupCount[g]! >= 2 && head[a] === gn) {
          arc(gn, groupOutside[g] === 1 ? on : pn, 1);
          groupCount[g] = -1; // emitted
        }
      }
    }
    if (outside) arc(on, pn, k - 1);
  }

  const slackStart = arcs;
  for (let p = 0; p < P; p++) {
    if (proposalK[p] === 0) continue;
    arc(0, proposalNode[p]!, proposalK[p]!);
    if (outsideNode[p] !== -1) arc(0, outsideNode[p]!, 1);
  }
  for (let r = 0; r < R; r++) if (ix.minLoad[r]! > 0) arc(1 + r, 0, ix.minLoad[r]!);

  const affinityScale = chooseAffinityScale(maxAffinity, nodes, costLimit);
  const affinityCost = new Float64Array(arcs);
  for (let a = 0; a < slackStart; a++) {
    const i = arcCandidate[a]!;
    if (i >= 0) affinityCost[a] = -Math.round(ix.candidateAffinity[i]! * affinityScale);
  }

  const initialPrice = new Float64Array(nodes);
  const best = new Float64Array(ix.maxK + 1);
  for (let p = 0; p < P; p++) {
    const k = proposalK[p]!;
    if (k === 0) continue; // an isolated node: its price does not matter
    // The k+1 best scaled affinities, in decreasing order (0 when there are fewer candidates).
    best.fill(0, 0, k + 1);
    for (let j = byProposalStart[p]!; j < byProposalStart[p + 1]!; j++) {
      const i = byProposal[j]!;
      if (candidateConflict[i] === 1) continue;
      let x = Math.round(ix.candidateAffinity[i]! * affinityScale);
      if (x <= best[k]!) continue;
      for (let t = 0; t <= k; t++) {
        if (x > best[t]!) {
          const y = best[t]!;
          best[t] = x;
          x = y;
        }
      }
    }
    const end = p + 1 < P ? proposalNode[p + 1]! : nodes;
    initialPrice.fill(-best[k]!, proposalNode[p]!, end);
  }

  return {
    nodeCount: nodes,
    tail: tail.slice(0, arcs),
    head: head.slice(0, arcs),
    capacity: capacity.slice(0, arcs),
    supply: supply.slice(0, nodes),
    arcCandidate: arcCandidate.slice(0, arcs),
    slackStart,
    affinityCost,
    affinityScale,
    initialPrice,
    units: ix.places,
  };
}
