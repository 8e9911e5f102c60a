import { floeApplicationBuild } from '@floe/build-config';

// @floe/local-cluster stays an import: it finds its scripts and Go wrapper modules in its installed package.
export default floeApplicationBuild({ entry: { cli: 'src/cli.ts' }, shebang: true, external: ['@floe/local-cluster'] });
