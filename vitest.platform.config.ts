import { defineConfig } from 'vitest/config';

// The platform on the local cluster's real node: `floe platform deploy` of
// examples/local/platform.yaml with the local stand-in images, then every
// service checked from the inside, the NetworkPolicies by real connections,
// upgrades in place and autoscaling. One cluster per run (the global setup
// deploys once); files run one after another because some change the platform.
export default defineConfig({
  test: {
    // Printed before every test's name: which kind of node the cluster behaviour was seen on.
    name: 'platform · real node (kubelet + containerd)',
    include: ['apps/cli/test/platform/**/*.test.ts'],
    globalSetup: ['apps/cli/test/platform/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
