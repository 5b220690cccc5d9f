import { defineConfig } from 'vitest/config';
import { resolveSource } from '../vitest.shared.js';

// Two projects over the built platform:
// - system: API and browser tests sharing one stack (started by the global setup), files in parallel;
// - resilience: each test starts a whole platform of its own (stack.ts) and kills parts of it — workers,
//   Redis — so they need no shared stack; one file at a time keeps a 2-core machine's load sane.
export default defineConfig({
  ...resolveSource,
  test: {
    // From the workspace root these are 'tests (system)' and 'tests (resilience)'.
    name: 'tests',
    projects: [
      {
        extends: true,
        test: {
          name: 'system',
          include: ['api/**/*.test.ts', 'e2e/**/*.test.ts'],
          globalSetup: ['support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'resilience',
          include: ['resilience/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
