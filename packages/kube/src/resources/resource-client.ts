import type { KubeClient } from '../client/kube-client.js';
import { isStatus } from '../errors/kube-api-error.js';
import { Discovery, type ApiResource } from './discovery.js';
import type { KubeObject, ObjectRef } from './kube-object.js';

export interface ApplyOptions {
  /** Field manager; floe's own is `floe`. */
  readonly fieldManager?: string;
  /** Take fields owned by other managers (only when the user asked). */
  readonly force?: boolean;
  /** Server-side dry run: validated and admitted, not persisted. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

export interface ListOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Page size; pages are followed until the end. */
  readonly pageSize?: number;
  /**
   * Applied to each item as its page arrives: a caller that needs a few
   * fields of thousands of objects never holds them all whole at once.
   */
  readonly transform?: (object: KubeObject) => KubeObject;
  /**
   * Only the items' metadata (the server answers a PartialObjectMetadataList,
   * as client-go's metadata informers ask): no spec, no status, a fraction
   * of the bytes. Items keep the listed apiVersion and kind.
   */
  readonly metadataOnly?: boolean;
}

/** Accept header of a metadata-only list, with plain JSON as the fallback of a server that cannot. */
const metadataListAccept = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface ObjectList<T extends KubeObject = KubeObject> {
  readonly items: T[];
  readonly resourceVersion: string;
}

/** What apply and create accept: any object with a type and a name (read-only objects from renderers included). */
export interface ObjectInput {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly ownerReferences?: readonly unknown[];
    readonly finalizers?: readonly string[];
  };
  readonly [field: string]: unknown;
}

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export const floeFieldManager = 'floe';

/**
 * Object-level operations over the client: server-side apply, create, get,
 * list (paged), delete with propagation. Paths come from discovery.
 */
export class ResourceClient {
  readonly discovery: Discovery;

  constructor(readonly client: KubeClient) {
    this.discovery = new Discovery(client);
  }

  /** The URL path of a collection or an object. */
  async path(apiVersion: string, kind: string, namespace?: string, name?: string): Promise<string> {
    return objectPath(await this.discovery.resolve(apiVersion, kind), namespace, name);
  }

  /** Server-side apply (`application/apply-patch+yaml`) of the whole object as raw JSON. */
  async apply<T extends KubeObject = KubeObject>(object: ObjectInput, options: ApplyOptions = {}): Promise<T> {
    const path = await this.path(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    return this.client.request<T>({
      method: 'PATCH',
      path,
      body: object,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: options.fieldManager ?? floeFieldManager, force: options.force ? true : undefined, dryRun: options.dryRun ? 'All' : undefined },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Creates an object; a 409 surfaces as KubeApiError with reason AlreadyExists. */
  async create<T extends KubeObject = KubeObject>(object: ObjectInput, options: { dryRun?: boolean; fieldManager?: string } = {}): Promise<T> {
    const path = await this.path(object.apiVersion, object.kind, object.metadata.namespace);
    return this.client.request<T>({
      method: 'POST', path, body: object,
      query: { fieldManager: options.fieldManager ?? floeFieldManager, dryRun: options.dryRun ? 'All' : undefined },
    });
  }

  /** Reads an object; undefined when it does not exist. */
  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    try {
      return await this.client.request<T>({ method: 'GET', path: await this.path(ref.apiVersion, ref.kind, ref.namespace, ref.name) });
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  /** Lists every object of a kind (following pages), with the list's resourceVersion for a watch to start from. */
  async list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, options: ListOptions = {}): Promise<ObjectList<T>> {
    const path = await this.path(apiVersion, kind, options.namespace);
    const items: T[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string;
    do {
      // A metadata-only list with nothing in it says `"items": null`.
      const page = await this.client.request<{ items: T[] | null; metadata: { resourceVersion: string; continue?: string } }>({
        method: 'GET', path,
        ...(options.metadataOnly ? { accept: metadataListAccept } : {}),
        query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.pageSize ?? 500, continue: continueToken },
      });
      // Lists omit apiVersion/kind on items; put them back so items are complete objects.
      for (const item of page.items ?? []) {
        const complete = { ...item, apiVersion, kind };
        items.push((options.transform ? options.transform(complete) : complete) as T);
      }
      resourceVersion = page.metadata.resourceVersion;
      continueToken = page.metadata.continue || undefined;
    } while (continueToken);
    return { items, resourceVersion };
  }

  /** Deletes an object; false when it was already gone. */
  async delete(ref: ObjectRef, options: { propagationPolicy?: PropagationPolicy; gracePeriodSeconds?: number; dryRun?: boolean } = {}): Promise<boolean> {
    try {
      await this.client.request({
        method: 'DELETE',
        path: await this.path(ref.apiVersion, ref.kind, ref.namespace, ref.name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: options.propagationPolicy ?? 'Background', ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}), ...(options.dryRun ? { dryRun: ['All'] } : {}) },
      });
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }
}

/** `/apis/apps/v1/namespaces/ns/deployments/name` and friends. */
export function objectPath(resource: ApiResource, namespace?: string, name?: string): string {
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${resource.groupVersionPath}${scope}/${resource.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}
