import { defineConfig } from 'vitest/config';

// The tests in test/ spawn the built floe-job with real dbt and dlt: the global
// setup builds (or reuses) the pinned Python venv once per run.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
