import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { type FlowNetwork, optimalPotentials, solveMinCostFlow } from './min-cost-flow.js';

let highs: Highs;
beforeAll(async () => {
  type Loader = () => Promise<Highs>;
  const mod = (await import('highs')) as unknown as { default: Loader | { default: Loader } };
  highs = await (typeof mod.default === 'function' ? mod.default : mod.default.default)();
});

const prng = (seed: number) => createRandom(seed).next;

/** A random network: parallel arcs, loops, negative costs, several supply and demand nodes; often infeasible. */
function randomNetwork(seed: number): FlowNetwork {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const n = int(2, 9);
  const m = int(n, 4 * n);
  const tail = new Int32Array(m);
  const head = new Int32Array(m);
  const capacity = new Int32Array(m);
  const cost = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    tail[e] = int(0, n - 1);
    head[e] = rand() < 0.05 ? tail[e]! : int(0, n - 1);
    capacity[e] = int(0, 5);
    cost[e] = int(-20, 30);
  }
  const supply = new Int32Array(n);
  for (let i = 0; i < int(1, 6); i++) {
    const units = int(1, 4);
    supply[int(0, n - 1)]! += units;
    supply[int(0, n - 1)]! -= units;
  }
  return { nodeCount: n, tail, head, capacity, cost, supply };
}

/** min Σ c·x, out − in = supply, 0 ≤ x ≤ capacity, with HiGHS. */
function lpOptimum(net: FlowNetwork): number | null {
  const m = net.tail.length;
  const objective = Array.from(
    { length: m },
    (_, e) => `${net.cost[e]! >= 0 ? '+' : '-'} ${Math.abs(net.cost[e]!)} x${e}`,
  );
  const rows: string[] = [];
  for (let v = 0; v < net.nodeCount; v++) {
    const terms: string[] = [];
    for (let e = 0; e < m; e++) {
      if (net.tail[e] === net.head[e]) continue;
      if (net.tail[e] === v) terms.push(`+ x${e}`);
      if (net.head[e] === v) terms.push(`- x${e}`);
    }
    if (terms.length === 0) {
      if (net.supply[v] !== 0) return null;
      continue;
    }
    rows.push(` n${v}: ${terms.join(' ')} = ${net.supply[v]}`);
  }
  const bounds = Array.from({ length: m }, (_, e) => ` 0 <= x${e} <= ${net.capacity[e]}`);
  const lp = ['Minimize', ` obj: ${objective.join(' ')}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End'].join('\n');
  const result = highs.solve(lp, { output_flag: false });
  if (result.Status === 'Infeasible') return null;
  expect(result.Status).toBe('Optimal');
  return result.ObjectiveValue;
}

describe('solveMinCostFlow', () => {
  it('finds the optimum of random networks, or says they are infeasible, like HiGHS', () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const net = randomNetwork(seed);
      const expected = lpOptimum(net);
      const result = solveMinCostFlow(net, { scalingFactor: 2 + (seed % 15) });
      expect(result.feasible, `seed ${seed}`).toBe(expected !== null);
      if (expected === null) {
        infeasible++;
        continue;
      }
      feasible++;
      expect(result.cost, `seed ${seed}`).toBeCloseTo(expected, 6);
      // A flow: within capacities, supplies met.
      const balance = new Int32Array(net.nodeCount);
      net.tail.forEach((u, e) => {
        expect(result.flow[e]).toBeGreaterThanOrEqual(0);
        expect(result.flow[e]).toBeLessThanOrEqual(net.capacity[e]!);
        balance[u]! += result.flow[e]!;
        balance[net.head[e]!]! -= result.flow[e]!;
      });
      expect(Array.from(balance), `seed ${seed}`).toEqual(Array.from(net.supply));
      // Exact duals: no residual arc of negative reduced cost.
      const pi = optimalPotentials(net, result.flow);
      net.tail.forEach((u, e) => {
        const v = net.head[e]!;
        const reduced = net.cost[e]! + pi[u]! - pi[v]!;
        if (result.flow[e]! < net.capacity[e]!) expect(reduced).toBeGreaterThanOrEqual(0);
        if (result.flow[e]! > 0 && u !== v) expect(reduced).toBeLessThanOrEqual(0);
      });
    }
    expect(feasible).toBeGreaterThan(50);
    expect(infeasible).toBeGreaterThan(50);
    // About 2 s of CPU, HiGHS's WebAssembly warming up included: on a busy machine that exceeds vitest's default 5 s.
  }, 30_000);

  it('starts from any given prices', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const net = randomNetwork(seed);
      const plain = solveMinCostFlow(net);
      const rand = prng(seed);
      const initialPrices = Float64Array.from({ length: net.nodeCount }, () => Math.round((rand() - 0.5) * 200));
      const started = solveMinCostFlow(net, { initialPrices });
      expect(started.feasible).toBe(plain.feasible);
      if (plain.feasible) expect(started.cost).toBe(plain.cost);
    }
  });

  it('rejects costs it cannot keep exact', () => {
    const net: FlowNetwork = {
      nodeCount: 2,
      tail: Int32Array.of(0),
      head: Int32Array.of(1),
      capacity: Int32Array.of(1),
      cost: Float64Array.of(0.5),
      supply: Int32Array.of(1, -1),
    };
    expect(() => solveMinCostFlow(net)).toThrow(/not an integer/);
    expect(() => solveMinCostFlow({ ...net, cost: Float64Array.of(2 ** 45) })).toThrow(/exceeds/);
  });
});
