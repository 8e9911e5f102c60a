import type { ObjectRef } from '@floe/kube';
import type { ApplyPhase } from '../phases/apply-phase.js';
import type { ReadinessState } from '../status/object-status.js';

/** What a deploy reports as it goes (the CLI shows it live, or as a JSON stream). */
export type DeployEvent =
  | { readonly type: 'phase'; readonly phase: ApplyPhase; readonly objects: number }
  | { readonly type: 'applied'; readonly ref: ObjectRef; readonly action: 'created' | 'configured' | 'unchanged' }
  | { readonly type: 'credential'; readonly secret: string; readonly namespace: string; readonly action: 'created' | 'kept' }
  | { readonly type: 'waiting'; readonly ref: ObjectRef; readonly state: ReadinessState; readonly message: string }
  | { readonly type: 'switched'; readonly ref: ObjectRef; readonly deployment: string; readonly from: 'blue' | 'green' | undefined; readonly to: 'blue' | 'green' }
  /** The old colour of a switched Deployment keeps running this long before prune removes it. */
  | { readonly type: 'retiring'; readonly deployment: string; readonly namespace: string; readonly seconds: number }
  | { readonly type: 'pruned'; readonly ref: ObjectRef }
  | { readonly type: 'prune-skipped'; readonly ref: ObjectRef; readonly reason: string }
  | { readonly type: 'revision'; readonly number: number }
  | { readonly type: 'rollback'; readonly toRevision: number; readonly reason: string };
