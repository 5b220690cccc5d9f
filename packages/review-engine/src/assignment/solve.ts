/**
 * Optimal reviewer assignment as a minimum-cost flow.
 *
 * The model (network.ts builds it): source → reviewer (between minLoad and maxLoad) → per-proposal group node (one
 * institution, or one country with `onePerCountry`; capacity 1) → the proposal's "outside" node (candidates from
 * outside the consortium countries, lower bound 1 with `outsideCountry` when k ≥ 1) → proposal (exactly its k: its
 * own `k`, else the instance's; 0 = it needs nobody). Per proposal the constrained sets (institutions ⊂ countries ⊂
 * outside/inside ⊂ all) form a laminar family, and so do the reviewers' sets, so the constraint matrix is that of a
 * network: totally unimodular. The min-cost flow optimum is therefore the optimum over 0/1 assignments — exact, not a
 * heuristic. Affinities become integers (round(affinity × 10^6), see {@link DEFAULT_AFFINITY_SCALE}); the objective
 * reported is the sum of the original affinities of the chosen pairs.
 *
 * First the network without slack arcs is solved: when the instance is feasible (the usual case) that is the answer.
 * The min-cost-flow solver notices infeasibility (an excess that can no longer reach any deficit). Then, so that no
 * "big M" cost ever mixes with the affinities (big M × (n + 1) would leave float64's exact range on large instances):
 *  1. Least slack: the network with slack arcs (a place left empty, no outside reviewer, a reviewer below its
 *     minimum) of cost 1 and every other arc of cost 0.
 *  2. Most affinity among the least-slack flows: the optimal duals of phase 1 (shortest paths in its residual graph)
 *     fix, by complementary slackness, the arcs that are full or empty in every least-slack flow; the rest is free.
 * The result is the lexicographic optimum: fewest unmet places and minimum loads, then most affinity.
 */

import {
  type FlowNetwork,
  MAX_SCALED_COST,
  type MinCostFlowStats,
  optimalPotentials,
  solveMinCostFlow,
} from './min-cost-flow.js';
import { buildNetwork, indexInstance } from './network.js';
import { explainInfeasibility, type Infeasibility } from './report.js';
import type { AssignmentInstanceInput } from './schema.js';

export { DEFAULT_AFFINITY_SCALE } from './network.js';

export interface SolveAssignmentOptions {
  /** Called now and then (after each ε phase) with the fraction done, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}

export interface AssignedPair {
  proposal: string;
  reviewer: string;
  affinity: number;
}

export interface AssignmentResult {
  /** Every proposal has its k reviewers and every reviewer at least minLoad proposals. */
  feasible: boolean;
  /** Σ affinity of the assigned pairs (original values, not the scaled integers). */
  objective: number;
  /** By proposal (input order), then candidate input order. When infeasible, the best partial assignment. */
  assignment: AssignedPair[];
  infeasibility: Infeasibility;
  timing: { buildMs: number; solveMs: number; totalMs: number };
  stats: {
    nodes: number;
    arcs: number;
    /** Units of flow: Σ k over the proposals. */
    units: number;
    /** Costs are −round(affinity × affinityScale). */
    affinityScale: number;
    /** ε phases, pushes, relabels and global price updates of both min-cost-flow solves. */
    phases: number;
    pushes: number;
    relabels: number;
    priceUpdates: number;
  };
}

/** performance.now() where there is one (Node, browsers), else Date.now(): the package has no DOM or Node types. */
const clock: { now(): number } = (globalThis as { performance?: { now(): number } }).performance ?? Date;

/** When infeasible, phase 1 (costs 0/1) takes about this share of the rest of the work, for progress reports. */
const FEASIBILITY_SHARE = 0.3;

function sumStats(...all: MinCostFlowStats[]): MinCostFlowStats {
  const sum: MinCostFlowStats = { phases: 0, pushes: 0, relabels: 0, priceUpdates: 0 };
  for (const s of all) {
    sum.phases += s.phases;
    sum.pushes += s.pushes;
    sum.relabels += s.relabels;
    sum.priceUpdates += s.priceUpdates;
  }
  return sum;
}

/**
 * Solves an instance. Validate untrusted input with {@link assignmentInstanceSchema} first: this function throws a
 * plain Error, without paths, on what the schema would reject by reference (unknown ids, a pair listed twice…).
 * Deterministic: the same input gives the same assignment.
 */
export function solveAssignment(
  instance: AssignmentInstanceInput,
  options: SolveAssignmentOptions = {},
): AssignmentResult {
  const started = clock.now();
  const ix = indexInstance(instance);
  const net = buildNetwork(ix, MAX_SCALED_COST);
  const m = net.tail.length;
  const built = clock.now();
  const progress = options.onProgress;

  // Optimisation without slack arcs: succeeds when the instance is feasible (the usual case).
  const withoutSlack = Int32Array.from(net.capacity);
  withoutSlack.fill(0, net.slackStart);
  let reported = 0;
  const report = (from: number, to: number) =>
    progress &&
    ((f: number) => {
      const value = from + f * (to - from);
      if (value > reported) {
        reported = value;
        progress(value);
      }
    });
  const direct = solveMinCostFlow(
    {
      nodeCount: net.nodeCount,
      tail: net.tail,
      head: net.head,
      capacity: withoutSlack,
      cost: net.affinityCost,
      supply: net.supply,
    },
    { initialPrices: net.initialPrice, onProgress: report(0, 1) },
  );
  const feasible = direct.feasible;
  let flow = direct.flow;
  let phases = direct.stats;
  if (!feasible) {
    // Phase 1: the least slack.
    const slackCost = new Float64Array(m);
    slackCost.fill(1, net.slackStart);
    const phase1Net: FlowNetwork = { ...net, cost: slackCost };
    const phase1 = solveMinCostFlow(phase1Net, {
      onProgress: report(reported, reported + (1 - reported) * FEASIBILITY_SHARE),
    });
    if (!phase1.feasible) throw new Error('solveAssignment: internal error (the slack network is infeasible)');
    // Phase 2: the most affinity among the least-slack flows. Arcs of non-zero reduced cost under phase 1's optimal
    // duals are fixed (full if negative, empty if positive) in all of them; the others are free.
    const pi = optimalPotentials(phase1Net, phase1.flow);
    const capacity = Int32Array.from(net.capacity);
    const supply = Int32Array.from(net.supply);
    const forced = new Int32Array(m);
    for (let a = 0; a < m; a++) {
      const reduced = slackCost[a]! + pi[net.tail[a]!]! - pi[net.head[a]!]!;
      if (reduced === 0) continue;
      if (reduced < 0) {
        forced[a] = net.capacity[a]!;
        supply[net.tail[a]!]! -= forced[a]!;
        supply[net.head[a]!]! += forced[a]!;
      }
      capacity[a] = 0;
    }
    const phase2 = solveMinCostFlow(
      { nodeCount: net.nodeCount, tail: net.tail, head: net.head, capacity, cost: net.affinityCost, supply },
      { initialPrices: net.initialPrice, onProgress: report(reported, 1) },
    );
    if (!phase2.feasible) throw new Error('solveAssignment: internal error (the least-slack network is infeasible)');
    flow = phase2.flow;
    for (let a = 0; a < m; a++) flow[a]! += forced[a]!;
    phases = sumStats(direct.stats, phase1.stats, phase2.stats);
  }
  const solved = clock.now();

  const assignment: AssignedPair[] = [];
  const proposalLoad = new Int32Array(ix.proposalIds.length);
  const reviewerLoad = new Int32Array(ix.reviewerIds.length);
  let objective = 0;
  for (let a = 0; a < net.slackStart; a++) {
    const i = net.arcCandidate[a]!;
    if (i < 0 || flow[a] === 0) continue;
    const p = ix.candidateProposal[i]!;
    const r = ix.candidateReviewer[i]!;
    const affinity = ix.candidateAffinity[i]!;
    assignment.push({ proposal: ix.proposalIds[p]!, reviewer: ix.reviewerIds[r]!, affinity });
    objective += affinity;
    proposalLoad[p]!++;
    reviewerLoad[r]!++;
  }
  const infeasibility = explainInfeasibility(ix, proposalLoad, reviewerLoad);
  const complete = infeasibility.proposals.length === 0 && infeasibility.reviewers.length === 0;
  if (complete !== feasible) throw new Error('solveAssignment: internal error (feasibility phases disagree)');
  progress?.(1);
  const finished = clock.now();

  return {
    feasible,
    objective,
    assignment,
    infeasibility,
    timing: { buildMs: built - started, solveMs: solved - built, totalMs: finished - started },
    stats: {
      nodes: net.nodeCount,
      arcs: m,
      units: net.units,
      affinityScale: net.affinityScale,
      ...phases,
    },
  };
}
