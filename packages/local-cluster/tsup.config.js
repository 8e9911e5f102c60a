import { floeBuild } from '@floe/build-config';

export default floeBuild({ entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', 'global-setup': 'src/testing/global-setup.ts', 'global-setup-real-node': 'src/testing/global-setup-real-node.ts', 'volume-permissions': 'src/storage/volume-permissions.ts', 'registry-forwarder': 'src/registry/registry-forwarder.ts' } });
