import type { KubeObject } from '../resources/kube-object.js';
import type { ResourceClient } from '../resources/resource-client.js';
import { ResourceWatch, type ResourceWatchOptions } from './resource-watch.js';
import { watchTargetKey, type WatchEvent, type WatchTarget } from './watch-event.js';

/** How the hub shares its watches. */
export interface WatchHubOptions {
  /**
   * Keep a watch running when its last subscriber leaves, until `stopAll()`:
   * for a bounded piece of work (a deploy) whose steps subscribe to the same
   * kinds one after the other, so each kind is listed once, not once per step.
   */
  readonly keepWatches?: boolean;
}

interface Shared {
  readonly watch: ResourceWatch;
  readonly started: Promise<void>;
  subscribers: number;
}

/**
 * Shares watches: any number of subscribers of the same target (kind,
 * namespace, selectors) use one ResourceWatch, so there are never two
 * watches for the same thing. A new subscriber first receives the cached
 * objects as ADDED. The watch stops when its last subscriber leaves
 * (with `keepWatches`, at `stopAll()`).
 */
export class WatchHub {
  private readonly watches = new Map<string, Shared>();

  constructor(private readonly resources: ResourceClient, private readonly options: ResourceWatchOptions = {}, private readonly sharing: WatchHubOptions = {}) {}

  /** Subscribes; resolves once the initial list is in. Returns the unsubscribe function. */
  async subscribe<T extends KubeObject = KubeObject>(target: WatchTarget, listener: (event: WatchEvent<T>) => void): Promise<() => Promise<void>> {
    const key = watchTargetKey(target);
    let shared = this.watches.get(key);
    if (!shared) {
      const watch = new ResourceWatch(this.resources, target, this.options);
      shared = { watch, started: watch.start(), subscribers: 0 };
      this.watches.set(key, shared);
    }
    shared.subscribers++;
    try {
      await shared.started;
    } catch (error) {
      shared.subscribers--;
      if (shared.subscribers === 0) this.watches.delete(key);
      throw error;
    }
    // Synchronously: replay the cache, then listen, so no event is missed or seen twice.
    for (const object of shared.watch.cache.values()) listener({ type: 'ADDED', object: object as T });
    const remove = shared.watch.onEvent(listener as (event: WatchEvent) => void);
    const current = shared;
    return async () => {
      remove();
      current.subscribers--;
      if (current.subscribers === 0 && !this.sharing.keepWatches && this.watches.get(key) === current) {
        this.watches.delete(key);
        await current.watch.stop();
      }
    };
  }

  /** The shared watch of a target, if one runs (for stats and tests). */
  watchOf(target: WatchTarget): ResourceWatch | undefined {
    return this.watches.get(watchTargetKey(target))?.watch;
  }

  /** Number of distinct watches running. */
  get size(): number {
    return this.watches.size;
  }

  async stopAll(): Promise<void> {
    const all = [...this.watches.values()];
    this.watches.clear();
    await Promise.all(all.map((shared) => shared.watch.stop()));
  }
}
