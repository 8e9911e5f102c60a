import { defineConfig } from 'vitest/config';

// The unit tests talk to real local HTTP/1.1, HTTP/2 and TLS servers, and the
// first client of a file loads @kubernetes/client-node: on a busy 2-core
// machine one can take longer than vitest's default 5 s with nothing wrong.
export default defineConfig({
  test: {
    testTimeout: 15_000,
  },
});
