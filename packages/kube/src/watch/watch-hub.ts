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
  /**
   * List only, and open a watch stream when a subscriber asks with
   * `follow(target)`: a subscriber that finds what it needs in the list (a
   * readiness check where everything is ready) costs one request, not two
   * and a connection held open. A later subscriber of a kind that is not
   * followed lists again, so it never starts from an old list.
   */
  readonly followOnDemand?: boolean;
}

interface Shared {
  readonly watch: ResourceWatch;
  /** Resolves once the cache holds the last list (rejects if that list failed). */
  started: Promise<void>;
  /** Whether a list is in flight: a subscriber that comes meanwhile waits for it instead of listing again. */
  listing: boolean;
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
      shared = this.trackListing({ watch, started: watch.start({ follow: !this.sharing.followOnDemand }), listing: true, subscribers: 0 });
      this.watches.set(key, shared);
    } else if (!shared.listing && !shared.watch.following) {
      // Listed for an earlier subscriber and not followed since: read again.
      const { watch } = shared;
      this.trackListing(Object.assign(shared, { started: shared.started.then(() => watch.refresh()), listing: true }));
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

  /** Marks the shared watch's list done when it settles. */
  private trackListing(shared: Shared): Shared {
    const { started } = shared;
    started.then(() => undefined, () => undefined).finally(() => {
      if (shared.started === started) shared.listing = false;
    });
    return shared;
  }

  /** Opens the watch stream of a subscribed target if it is not open yet (see `followOnDemand`); otherwise does nothing. */
  follow(target: WatchTarget): void {
    this.watches.get(watchTargetKey(target))?.watch.follow();
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
