// An esbuild plugin that loads some Node.js built-in modules through require() instead
// of an ES import. Importing node:http as an ES module reads every export, and on
// Node.js 24 its WebSocket, CloseEvent and MessageEvent getters then load Node's
// internal undici (tens of milliseconds at start-up) that floe never uses;
// require() leaves those getters alone, and esbuild's interop reads a property
// only when the code uses it.

/** @param {string[]} [names] */
export function cjsBuiltins(names = ['http']) {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'floe-cjs-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === 'floe-cjs-builtin'
        ? { path: args.path, external: true } // the require() inside the module below
        : { path: args.path.replace(/^node:/, ''), namespace: 'floe-cjs-builtin' }));
      build.onLoad({ filter: /.*/, namespace: 'floe-cjs-builtin' }, (args) => ({ contents: `module.exports = require('node:${args.path}');`, loader: 'js' }));
    },
  };
}
