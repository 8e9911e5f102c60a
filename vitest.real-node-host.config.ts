import { defineConfig } from 'vitest/config';

// The host before/after check of a real node: starts and stops its own
// cluster, so it runs alone, after the real-node suite (one real node per machine).
export default defineConfig({
  test: {
    include: ['packages/local-cluster/test/host/**/*.test.ts'],
    testTimeout: 240_000,
    fileParallelism: false,
  },
});
