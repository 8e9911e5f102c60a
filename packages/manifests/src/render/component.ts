import type { KubeObject } from '../kube/kube-object.js';

/** The objects of one part of the platform, written to one file with `floe render -o dir`. */
export interface RenderedComponent {
  /** File stem in apply order, e.g. `00-namespaces`, `10-dagster`. */
  readonly name: string;
  readonly objects: readonly KubeObject[];
}
