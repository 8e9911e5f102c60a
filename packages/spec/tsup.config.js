import { floeBuild } from '@floe/build-config';

// Two entries sharing their modules (one SpecValidationError class for both): `identity` loads no schema.
export default floeBuild({ entry: { index: 'src/index.ts', identity: 'src/identity.ts' }, splitting: true });
