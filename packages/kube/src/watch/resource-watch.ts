import { setTimeout as sleep } from 'node:timers/promises';
import { isStatus } from '../errors/kube-api-error.js';
import type { KubeObject } from '../resources/kube-object.js';
import type { ResourceClient } from '../resources/resource-client.js';
import { eventLines } from './event-lines.js';
import { isNewerResourceVersion } from './resource-version.js';
import { objectKey, type WatchEvent, type WatchTarget } from './watch-event.js';

/** Objects per page of a relist: a page of Jobs or Pods parses into a few MB at most. */
const relistPageSize = 250;

export interface ResourceWatchOptions {
  /**
   * Keeps only what the caller needs of each object before it is cached and
   * delivered (like client-go's TransformFunc): the lever on memory when
   * thousands of objects are watched. managedFields are always dropped.
   */
  readonly transform?: (object: KubeObject) => KubeObject;
  /** Restart a stream that delivered nothing (not even a bookmark) for this long. Default 90 s. */
  readonly silenceTimeoutMs?: number;
  /** Server-side timeout of each watch request; the watch resumes after it. Default 300 s. */
  readonly requestTimeoutSeconds?: number;
  /** Called for errors the watch recovers from (for logs); the watch keeps going. */
  readonly onRecoverableError?: (error: unknown) => void;
}

interface RawEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number };
}

/**
 * List-then-watch of one target with a local cache, that keeps going:
 * resumes from the last resourceVersion after a dropped or timed-out
 * stream, uses bookmarks, relists on 410 Gone (emitting DELETED for objects
 * that vanished meanwhile), restarts a silent stream, and never delivers an
 * event older than what the cache holds. `stats.restarts`/`relists` count
 * recoveries.
 */
export class ResourceWatch<T extends KubeObject = KubeObject> {
  readonly cache = new Map<string, T>();
  readonly stats = { restarts: 0, relists: 0, events: 0 };
  private resourceVersion = '';
  private readonly stopped = new AbortController();
  private current: AbortController | undefined;
  private running: Promise<void> | undefined;
  private readonly listeners = new Set<(event: WatchEvent<T>) => void>();

  constructor(
    private readonly resources: ResourceClient,
    readonly target: WatchTarget,
    private readonly options: ResourceWatchOptions = {},
  ) {}

  /** Adds a listener; returns its removal. */
  onEvent(listener: (event: WatchEvent<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Lists, fills the cache (emitting ADDED), then watches in the background;
   * with `follow: false` it watches only from `follow()` on. Resolves once the
   * first list is in.
   */
  async start(options: { follow?: boolean } = {}): Promise<void> {
    if (this.running) return;
    await this.relist();
    if (options.follow ?? true) this.follow();
  }

  /**
   * Watches from the resourceVersion of the last list (once; later calls do
   * nothing), so every change since that list is delivered.
   */
  follow(): void {
    if (this.running || this.stopped.signal.aborted) return;
    this.running = this.loop();
  }

  /** Whether the watch follows changes (false before `follow()` when started with `follow: false`). */
  get following(): boolean {
    return this.running !== undefined;
  }

  /** Lists again: a watch that does not follow is as fresh as its last list. Emits what changed since. */
  async refresh(): Promise<void> {
    await this.relist();
  }

  /** Ends the watch; pending streams are aborted. */
  async stop(): Promise<void> {
    this.stopped.abort();
    this.current?.abort();
    await this.running;
  }

  /** Forces the current stream to drop (as a network failure would); the watch resumes by itself. */
  interrupt(): void {
    this.current?.abort();
  }

  private emit(event: WatchEvent<T>): void {
    this.stats.events++;
    for (const listener of this.listeners) listener(event);
  }

  /** What the cache keeps of an object: without managedFields (never needed from a watch, often half an object's size), transformed. */
  private readonly kept = (received: KubeObject): T => {
    const { managedFields: _managedFields, ...metadata } = received.metadata;
    const trimmed = { ...received, metadata };
    return (this.options.transform ? this.options.transform(trimmed) : trimmed) as T;
  };

  private apply(type: WatchEvent['type'], received: T, alreadyKept = false): void {
    const object = alreadyKept ? received : this.kept(received);
    const key = objectKey(object);
    const cached = this.cache.get(key);
    if (type === 'DELETED') {
      if (!cached) return;
      this.cache.delete(key);
      this.emit({ type, object });
      return;
    }
    if (cached && !isNewerResourceVersion(object.metadata.resourceVersion, cached.metadata.resourceVersion)) return;
    this.cache.set(key, object);
    this.emit({ type: cached ? 'MODIFIED' : 'ADDED', object });
  }

  private async relist(): Promise<void> {
    // Trimmed page by page: a relist of thousands of objects never holds them all whole.
    const list = await this.resources.list<T>(this.target.apiVersion, this.target.kind, {
      ...(this.target.namespace ? { namespace: this.target.namespace } : {}),
      ...(this.target.labelSelector ? { labelSelector: this.target.labelSelector } : {}),
      ...(this.target.fieldSelector ? { fieldSelector: this.target.fieldSelector } : {}),
      pageSize: relistPageSize,
      transform: this.kept,
    });
    const seen = new Set<string>();
    for (const item of list.items) {
      seen.add(objectKey(item));
      this.apply('MODIFIED', item, true);
    }
    for (const [key, object] of [...this.cache]) if (!seen.has(key)) this.apply('DELETED', object);
    this.resourceVersion = list.resourceVersion;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped.signal.aborted) {
      try {
        await this.watchOnce();
        failures = 0;
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        if (isStatus(error, 410)) {
          await this.relistSafely();
          continue;
        }
        this.options.onRecoverableError?.(error);
        failures++;
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)) * Math.random(), undefined, { signal: this.stopped.signal }).catch(() => undefined);
        if (failures >= 3) await this.relistSafely();
      }
      if (!this.stopped.signal.aborted) this.stats.restarts++;
    }
  }

  private async relistSafely(): Promise<void> {
    try {
      this.stats.relists++;
      await this.relist();
    } catch (error) {
      this.options.onRecoverableError?.(error);
    }
  }

  private async watchOnce(): Promise<void> {
    const controller = new AbortController();
    this.current = controller;
    const silence = this.options.silenceTimeoutMs ?? 90_000;
    let watchdog = setTimeout(() => controller.abort(), silence);
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(), silence);
    };
    try {
      const path = await this.resources.path(this.target.apiVersion, this.target.kind, this.target.namespace);
      const stream = await this.resources.client.stream({
        path,
        query: {
          watch: true,
          allowWatchBookmarks: true,
          resourceVersion: this.resourceVersion,
          timeoutSeconds: this.options.requestTimeoutSeconds ?? 300,
          labelSelector: this.target.labelSelector,
          fieldSelector: this.target.fieldSelector,
        },
        signal: controller.signal,
        retry: false,
      });
      for await (const raw of eventLines(stream)) {
        feed();
        const event = raw as RawEvent;
        if (event.type === 'ERROR') {
          if (event.object.code === 410) {
            this.stats.relists++;
            await this.relist();
            return;
          }
          throw new Error(`watch error: ${JSON.stringify(event.object)}`);
        }
        if (event.object.metadata.resourceVersion) this.resourceVersion = event.object.metadata.resourceVersion;
        if (event.type === 'BOOKMARK') continue;
        this.apply(event.type, event.object as T);
      }
    } catch (error) {
      // An aborted stream is a stall or an interrupt: resume.
      if (controller.signal.aborted) return;
      throw error;
    } finally {
      clearTimeout(watchdog);
      this.current = undefined;
    }
  }
}
