import { floeBuild } from '@floe/build-config';

export default floeBuild({ entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', 'global-setup': 'src/testing/global-setup.ts' } });
