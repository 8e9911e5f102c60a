// Shared tsup settings: ESM only, Node 22 target, declarations, no bundling of dependencies
// (libraries); and one bundle per command-line program (applications).
import { defineConfig } from 'tsup';
import { bundledLicenses } from './bundled-licenses.js';
import { writeBuildIdentity } from './build-identity.js';
import { cjsBuiltins } from './cjs-builtins.js';
import { lazyPackages } from './lazy-packages.js';

/** Bundled CommonJS packages call require(); an ES module has none of its own. */
const requireBanner = "import { createRequire as __floeCreateRequire } from 'node:module';\nconst require = __floeCreateRequire(import.meta.url);";

/**
 * `bundle`: the library's npm dependencies (not `@floe/*`) are bundled into
 * its dist, tree-shaken, split at dynamic imports, `lazy` packages loaded on
 * first use, with a THIRD-PARTY-LICENSES.md — for a dependency whose package
 * entry evaluates far more than the library uses (see @floe/kube).
 * `splitting`: entries share the modules they both import in chunks (one
 * copy of each class, so `instanceof` holds across entries).
 * @param {{ entry?: Record<string, string> | string[], banner?: string, splitting?: boolean, bundle?: { lazy?: Record<string, string[]> } }} [options]
 */
export function floeBuild(options = {}) {
  const bundle = options.bundle
    ? {
        splitting: true,
        removeNodeProtocol: false,
        noExternal: [/^(?!node:|@floe\/)/],
        esbuildPlugins: [cjsBuiltins(), lazyPackages(options.bundle.lazy ?? {}), bundledLicenses()],
      }
    : {};
  const banner = [options.bundle ? requireBanner : undefined, options.banner].filter(Boolean).join('\n');
  return defineConfig({
    entry: options.entry ?? ['src/index.ts'],
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: options.splitting ?? false,
    treeshake: true,
    ...bundle,
    ...(banner ? { banner: { js: banner } } : {}),
  });
}

/**
 * Settings for a command-line program that starts as a fresh process each time: one
 * bundle of its code and its dependencies (no module resolution across hundreds of
 * files at start-up), split at dynamic imports so each command loads only its chunks,
 * whitespace and syntax minified (names kept, for readable stack traces), and a
 * THIRD-PARTY-LICENSES.md for the bundled packages. `external` packages stay
 * imports (packages that find their own files at run time).
 * `lazy` packages load on first use (see lazy-packages.js). Writes dist/build-id.txt,
 * a digest of the bundle (see build-identity.js).
 * @param {{ entry: Record<string, string>, shebang?: boolean, external?: string[], lazy?: Record<string, string[]> }} options
 */
export function floeApplicationBuild(options) {
  return defineConfig({
    entry: options.entry,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: false,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    minifyWhitespace: true,
    minifySyntax: true,
    // Keep `node:` on built-ins, so cjsBuiltins sees every import of them.
    removeNodeProtocol: false,
    noExternal: [/^(?!node:)/],
    external: options.external ?? [],
    banner: { js: `${options.shebang ? '#!/usr/bin/env node\n' : ''}${requireBanner}` },
    esbuildPlugins: [cjsBuiltins(), lazyPackages(options.lazy ?? {}), bundledLicenses()],
    // dist/build-id.txt: which code this is (see build-identity.js).
    onSuccess: async () => writeBuildIdentity(),
  });
}
