import { defineConfig } from 'vitest/config';

// The host before/after check of a real node: starts and stops its own
// cluster, so it runs alone, after the real-node suite (one real node per machine).
export default defineConfig({
  test: {
    // Printed before every test's name: which kind of node the cluster behaviour was seen on.
    name: 'real node · host before/after',
    include: ['packages/*/test/host/**/*.test.ts', 'apps/*/test/host/**/*.test.ts'],
    testTimeout: 240_000,
    fileParallelism: false,
  },
});
