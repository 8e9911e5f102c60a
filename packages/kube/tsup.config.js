import { floeBuild } from '@floe/build-config';

// client-node's package entry, and even its KubeConfig module, evaluate its generated API
// clients and models (~65 MB of RSS in a runner that never uses them); bundled and
// tree-shaken, the KubeConfig chunk floe loads on first use costs ~20 MB. undici (proxies,
// fetch) loads only if called: floe sends its requests with node:http.
export default floeBuild({ bundle: { lazy: { undici: ['Agent', 'ProxyAgent', 'fetch'] } } });
