import { defineConfig } from 'vitest/config';
import { resolveSource } from '../vitest.shared.js';

export default defineConfig({
  ...resolveSource,
  test: {
    name: 'system',
    include: ['api/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
