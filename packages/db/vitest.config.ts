import { defineConfig } from 'vitest/config';
import { resolveSource } from '../../vitest.shared.js';

export default defineConfig({
  ...resolveSource,
  test: {
    name: 'db',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Each test creates, migrates and drops its own PostgreSQL database.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
