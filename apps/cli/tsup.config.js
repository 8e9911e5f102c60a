import { floeApplicationBuild } from '@floe/build-config';

export default floeApplicationBuild({
  entry: { cli: 'src/cli.ts' },
  shebang: true,
  // It finds its scripts and Go wrapper modules in its installed package.
  external: ['@floe/local-cluster'],
  // client-node's KubeConfig module imports undici for proxies and fetch; floe sends its requests with node:http.
  lazy: { undici: ['Agent', 'ProxyAgent', 'fetch'] },
});
