import { FloeError } from '@floe/errors';

/** The local control plane could not be built, started or reached. */
export class LocalClusterError extends FloeError {}
