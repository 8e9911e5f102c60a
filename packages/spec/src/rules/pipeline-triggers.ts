import { formatFieldPath } from '../issues/field-path.js';
import type { SpecIssue } from '../issues/spec-issue.js';
import type { SpecDocument } from '../load/spec-document.js';
import { closestMatch } from './did-you-mean.js';

type PipelineDocument = Extract<SpecDocument, { kind: 'Pipeline' }>;

/**
 * Checks `pipeline-succeeded` triggers across the pipelines loaded together:
 * the pipeline named must be among them, on the same platform, not the
 * pipeline itself, and triggers must not form a cycle (A after B after A
 * would run forever).
 */
export function checkPipelineTriggers(pipelines: readonly PipelineDocument[]): SpecIssue[] {
  const byName = new Map(pipelines.map((document) => [document.spec.metadata.name, document] as const));
  const issues: SpecIssue[] = [];
  const at = (document: PipelineDocument, index: number, rule: string, message: string, hint: string): SpecIssue => {
    const path = ['spec', 'triggers', index, 'pipeline'];
    const { line, column } = document.locate(path);
    return { file: document.file, line, column, path: formatFieldPath(path), rule, message, hint };
  };
  for (const document of pipelines) {
    const name = document.spec.metadata.name;
    for (const [index, trigger] of document.spec.spec.triggers.entries()) {
      const upstream = byName.get(trigger.pipeline);
      if (trigger.pipeline === name) {
        issues.push(at(document, index, 'trigger-cycle', `pipeline "${name}" triggers itself`, 'remove the trigger; use a schedule to repeat a pipeline'));
      } else if (!upstream) {
        if (pipelines.length > 1) {
          const suggestion = closestMatch(trigger.pipeline, byName.keys());
          issues.push(at(document, index, 'unknown-pipeline', `pipeline "${name}" is triggered by "${trigger.pipeline}", which is not among the given pipelines`, suggestion ? `did you mean "${suggestion}"?` : 'pass the upstream pipeline file too, or fix the name'));
        }
      } else if (upstream.spec.spec.platform !== document.spec.spec.platform) {
        issues.push(at(document, index, 'unknown-pipeline', `pipeline "${trigger.pipeline}" runs on platform "${upstream.spec.spec.platform}", not "${document.spec.spec.platform}"`, 'triggers connect pipelines of one platform'));
      }
    }
  }
  // Cycles over the "runs after" edges.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      const document = byName.get(name)!;
      const index = document.spec.spec.triggers.findIndex((trigger) => cycle.includes(trigger.pipeline));
      issues.push(at(document, Math.max(0, index), 'trigger-cycle', `pipeline triggers form a cycle: ${cycle.join(' <- ')}`, 'remove one of these triggers'));
      return;
    }
    state.set(name, 'visiting');
    for (const trigger of byName.get(name)?.spec.spec.triggers ?? []) {
      if (byName.has(trigger.pipeline) && trigger.pipeline !== name) visit(trigger.pipeline, [...path, name]);
    }
    state.set(name, 'done');
  };
  for (const name of byName.keys()) visit(name, []);
  return issues;
}
