import { defineConfig } from 'vitest/config';
import { resolveSource } from '../../vitest.shared.js';

export default defineConfig({
  ...resolveSource,
  test: { name: 'review-engine', include: ['src/**/*.test.ts'], environment: 'node' },
});
