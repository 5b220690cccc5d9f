// Shared by every vitest project config in the workspace.

// Vitest 5 declares Node 22; on Node 20 its reporter needs Map.groupBy to print failures.
if (typeof (Map as unknown as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const map = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const list = map.get(k);
        if (list) list.push(item);
        else map.set(k, [item]);
      }
      return map;
    },
  });
}

/** Resolve workspace packages to their TypeScript sources (the "@kizuna/source" export condition), as tsc does. */
export const conditions = ['@kizuna/source', 'module', 'node', 'development|production'];
export const resolveSource = { resolve: { conditions }, ssr: { resolve: { conditions } } };
