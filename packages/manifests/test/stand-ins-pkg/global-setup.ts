import type { TestProject } from 'vitest/node';
import { buildStandIns } from '../containers/build-stand-ins.js';

/** The stand-ins this suite builds and runs (folders of images/stand-ins/). */
const standIns = ['postgres', 'dagster', 'iceberg-rest'] as const;
export type StandInName = (typeof standIns)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The stand-in images this suite runs with podman: folder name -> image name. */
    standInImages: Record<StandInName, string>;
  }
}

/**
 * Builds each stand-in with scripts/build-stand-in-image.sh (a warm run only
 * stages and hashes the context), once per run. Podman, always: the tests
 * join containers into one network namespace (`--network container:`), as
 * peers reached through Services would be.
 */
export default function setup(project: TestProject): void {
  project.provide('standInImages', buildStandIns(standIns, 'stand-ins-pkg'));
}
