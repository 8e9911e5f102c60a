import { defineConfig } from 'vitest/config';

// Integration tests of every package against one real local cluster per run
// (see packages/local-cluster/src/testing/global-setup.ts); the OCI tests'
// registry and oras binaries are built (or found cached) once per run by
// images/go/build.sh (packages/oci/src/testing/global-setup.ts).
export default defineConfig({
  test: {
    // Printed before every test's name: which kind of node the cluster behaviour was seen on.
    name: 'integration · kwok nodes (no container runs)',
    include: ['packages/*/test/integration/**/*.test.ts', 'apps/*/test/integration/**/*.test.ts'],
    globalSetup: ['packages/local-cluster/dist/global-setup.js', 'packages/oci/dist/global-setup.js'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 4,
  },
});
