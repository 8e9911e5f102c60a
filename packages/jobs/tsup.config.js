import { floeBuild } from '@floe/build-config';

export default floeBuild();
