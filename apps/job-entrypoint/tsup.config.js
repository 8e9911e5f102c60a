import { floeBuild } from '@floe/build-config';

export default floeBuild({ entry: { cli: 'src/cli.ts' }, banner: '#!/usr/bin/env node' });
