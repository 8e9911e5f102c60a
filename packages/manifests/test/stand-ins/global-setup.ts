import type { TestProject } from 'vitest/node';
import { buildStandIns } from '../containers/build-stand-ins.js';

/** The stand-ins this suite builds and runs (folders of images/stand-ins/). */
const standIns = ['registry', 'minio', 'minio-client', 'prometheus', 'otel-collector', 'metrics-server'] as const;
export type GoStandInName = (typeof standIns)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Go-built stand-in images this suite runs with podman: folder name -> image name. */
    goStandInImages: Record<GoStandInName, string>;
  }
}

/**
 * Builds each stand-in with scripts/build-stand-in-image.sh, once per run (a
 * warm run links the cached Go binaries, stages and hashes the context).
 * Podman, always: the tests enter the containers' network namespaces.
 * `FLOE_GO_STAND_INS` (comma-separated folder names) limits the builds.
 */
export default function setup(project: TestProject): void {
  // FLOE_GO_STAND_INS=registry,minio builds only those (for running one test file while iterating).
  const only = process.env['FLOE_GO_STAND_INS']?.split(',').filter(Boolean);
  const images = buildStandIns(standIns.filter((candidate) => !only || only.includes(candidate)), 'stand-ins-go');
  project.provide('goStandInImages', images);
}
