import { FloeError } from '@floe/errors';
import type { KubeClient } from '../client/kube-client.js';
import { builtInResource } from './built-in-resources.js';

/** Where a kind lives in the API. */
export interface ApiResource {
  /** `/api/v1` or `/apis/<group>/<version>`. */
  readonly groupVersionPath: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

interface ResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/** The API server does not serve a kind (missing CRD, wrong apiVersion). */
export class UnknownKindError extends FloeError {
  constructor(apiVersion: string, kind: string) {
    super('KIND_UNKNOWN', `the API server does not serve ${kind} in ${apiVersion}; install its CRD first or fix the apiVersion`);
  }
}

/**
 * Maps apiVersion + kind to resource paths: the GA built-in kinds from a
 * table, others with one discovery request per group-version per run. An
 * unknown kind refreshes its group-version once, so kinds from CRDs applied
 * earlier in the run are found.
 */
export class Discovery {
  private readonly groups = new Map<string, Promise<Map<string, ApiResource>>>();

  constructor(private readonly client: KubeClient) {}

  async resolve(apiVersion: string, kind: string): Promise<ApiResource> {
    const builtIn = builtInResource(apiVersion, kind);
    if (builtIn) return builtIn;
    const found = (await this.load(apiVersion)).get(kind);
    if (found) return found;
    this.groups.delete(apiVersion);
    const refreshed = (await this.load(apiVersion)).get(kind);
    if (!refreshed) throw new UnknownKindError(apiVersion, kind);
    return refreshed;
  }

  /** Forgets everything (e.g. after CRDs were applied). */
  refresh(): void {
    this.groups.clear();
  }

  private load(apiVersion: string): Promise<Map<string, ApiResource>> {
    let pending = this.groups.get(apiVersion);
    if (!pending) {
      const groupVersionPath = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      pending = this.client
        .request<ResourceList>({ method: 'GET', path: groupVersionPath })
        .then((list) => new Map(
          list.resources
            .filter((resource) => !resource.name.includes('/'))
            .map((resource) => [resource.kind, { groupVersionPath, plural: resource.name, namespaced: resource.namespaced }] as const),
        ))
        .catch((error: unknown) => {
          this.groups.delete(apiVersion);
          if ((error as { statusCode?: number }).statusCode === 404) return new Map<string, ApiResource>();
          throw error;
        });
      this.groups.set(apiVersion, pending);
    }
    return pending;
  }
}
