// Shared tsup settings: ESM only, Node 22 target, declarations, no bundling of dependencies.
import { defineConfig } from 'tsup';

/** @param {{ entry?: Record<string, string> | string[], banner?: string }} [options] */
export function floeBuild(options = {}) {
  return defineConfig({
    entry: options.entry ?? ['src/index.ts'],
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...(options.banner ? { banner: { js: options.banner } } : {}),
  });
}
