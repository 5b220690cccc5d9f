// Shared by every vitest project config in the workspace.

// Vitest 5 declares Node 22 and its reporter uses Map.groupBy / Object.groupBy / Promise.withResolvers, which Node 20
// lacks: without these stand-ins a FAILING test crashes the reporter ("Map.groupBy is not a function") instead of
// printing its error. The config is loaded in the main process, where the reporter runs.
function groupBy<T, K>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
const polyfills: [object, string, unknown][] = [
  [Map, 'groupBy', groupBy],
  [
    Object,
    'groupBy',
    <T>(items: Iterable<T>, key: (item: T, i: number) => PropertyKey) =>
      Object.assign(Object.create(null), Object.fromEntries(groupBy(items, key))),
  ],
  [
    Promise,
    'withResolvers',
    <T>() => {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  ],
];
for (const [target, name, fn] of polyfills) {
  if (!(name in target)) Object.defineProperty(target, name, { value: fn, writable: true, configurable: true });
}

/** Resolve workspace packages to their TypeScript sources (the "@kizuna/source" export condition), as tsc does with
 * customConditions. Vite replaces its default conditions when these are set, so they are repeated here. */
export const conditions = ['@kizuna/source', 'node', 'development|production'];
export const resolveSource = { resolve: { conditions }, ssr: { resolve: { conditions } } };
