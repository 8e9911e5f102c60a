import { podman } from '../containers/podman.js';

/** What a stand-in's image config says: user, entrypoint, default args, labels. */
export interface ImageConfig {
  readonly User: string;
  readonly Entrypoint: string[] | null;
  readonly Cmd: string[] | null;
  readonly Labels: Record<string, string>;
}

/** The config of a local image. */
export async function imageConfig(image: string): Promise<ImageConfig> {
  return JSON.parse(await podman(['image', 'inspect', '--format', '{{json .Config}}', image])) as ImageConfig;
}
