import { defineConfig } from 'vitest/config';

// Tests of container behaviour on the local cluster's real node (kubelet +
// containerd + CNI + kube-proxy + CoreDNS + kube-router), one cluster per run
// (packages/local-cluster/src/testing/global-setup-real-node.ts). Needs root.
export default defineConfig({
  test: {
    // Printed before every test's name: which kind of node the cluster behaviour was seen on.
    name: 'real node · kubelet + containerd',
    include: ['packages/*/test/real-node/**/*.test.ts', 'apps/*/test/real-node/**/*.test.ts'],
    globalSetup: ['packages/local-cluster/dist/global-setup-real-node.js'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 3,
  },
});
