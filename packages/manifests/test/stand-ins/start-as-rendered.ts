import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, logTail, podman, removeContainers } from '../containers/podman.js';
import { podmanRunFlags, renderedArgs, type PodInputs, type RenderedContainer } from '../containers/rendered-container.js';

/** A stand-in container started as its rendered manifest says. */
export interface StartedStandIn {
  /** The container's name. */
  readonly name: string;
  /** A host dir for this container's claims and ConfigMaps; removed by `stop`. */
  readonly work: string;
  /** Removes the container and the work dir. */
  stop(): Promise<void>;
}

/** How to start one stand-in. */
export interface StartOptions {
  readonly image: string;
  readonly rendered: RenderedContainer;
  /** Short name for the container and work dir. */
  readonly label: string;
  /** Host-side inputs (claim dirs, ConfigMap dirs, Secret values), made in the work dir. */
  readonly inputs?: (work: string) => PodInputs;
  /** Network flags: a namespace of its own with loopback only, unless given (e.g. sharedNetwork's owner flags, with a hosts file in the work dir). */
  readonly network?: (work: string, name: string) => readonly string[];
  /** Resolves once the container is ready (typically its rendered probe through fetchInside). */
  readonly ready: (name: string) => Promise<unknown>;
  readonly readyTimeoutMs?: number;
}

/** Starts `image` with the rendered container's flags and args, and waits until `ready` passes. */
export async function startAsRendered(options: StartOptions): Promise<StartedStandIn> {
  const name = `floe-stand-in-${options.label}-${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), `floe-stand-in-${options.label}-`));
  chmodSync(work, 0o755);
  const stop = async () => {
    await removeContainers([name]);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const flags = podmanRunFlags(options.rendered, options.inputs?.(work) ?? {});
    await podman(['run', '-d', '--name', name, ...(options.network?.(work, name) ?? ['--network', 'none']), ...flags, options.image, ...renderedArgs(options.rendered)]);
    await eventually(() => options.ready(name), options.readyTimeoutMs ?? 60_000, () => logTail(name));
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, work, stop };
}
