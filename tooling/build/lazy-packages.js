// An esbuild plugin that turns the ES import of a bundled package into a stand-in
// that loads the package on first use. A package imported at the top of a module
// runs its whole initialisation when the module loads, even when the code path
// that uses it never runs (client-node's KubeConfig imports undici for proxies
// and fetch, which floe does not use: ~1 MB of code evaluated on every start).
// Each export named here becomes a function that loads the package and calls or
// constructs the real export; a name not listed fails the build, so a new import
// is never silently broken.

/** @param {Record<string, string[]>} packages  package name -> the exports its importers use */
export function lazyPackages(packages) {
  const names = Object.keys(packages);
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'floe-lazy-packages',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.floeLazyReal) return undefined;
        const real = await build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer, pluginData: { floeLazyReal: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: args.path, namespace: 'floe-lazy-package', pluginData: { real: real.path } };
      });
      build.onLoad({ filter: /.*/, namespace: 'floe-lazy-package' }, (args) => {
        const lines = [`let loaded;`, `const load = () => (loaded ??= require(${JSON.stringify(args.pluginData.real)}));`];
        for (const name of packages[args.path]) {
          // `new` on a function that returns an object yields that object: the real instance.
          lines.push(`export function ${name}(...args) { return new.target ? new (load().${name})(...args) : load().${name}(...args); }`);
        }
        return { contents: lines.join('\n'), loader: 'js', resolveDir: '/' };
      });
    },
  };
}
