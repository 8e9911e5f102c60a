import { z } from 'zod';
import { closestMatch } from './did-you-mean.js';

interface GraphStep {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/** What the graph rules read: each step's name and dependsOn (checked even when other fields of a step are invalid). */
export const pipelineGraphFields = z.object({
  steps: z.array(z.object({ name: z.string(), dependsOn: z.array(z.string()).default([]) })),
});

/** Reports duplicate step names and `dependsOn` entries that name no step. */
function checkReferences(steps: readonly GraphStep[], ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  for (const [index, step] of steps.entries()) {
    const first = firstIndex.get(step.name);
    if (first === undefined) {
      firstIndex.set(step.name, index);
      continue;
    }
    ctx.addIssue({
      code: 'custom',
      path: ['steps', index, 'name'],
      message: `duplicate step name "${step.name}" (first used by steps[${first}])`,
      params: { rule: 'duplicate-step', hint: 'give every step a unique name' },
    });
  }
  for (const [index, step] of steps.entries()) {
    for (const [depIndex, dependency] of step.dependsOn.entries()) {
      if (firstIndex.has(dependency)) {
        if (dependency === step.name) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index, 'dependsOn', depIndex],
            message: `step "${step.name}" depends on itself`,
            params: { rule: 'dependency-cycle', hint: 'remove the step from its own dependsOn' },
          });
        }
        continue;
      }
      const suggestion = closestMatch(dependency, firstIndex.keys());
      ctx.addIssue({
        code: 'custom',
        path: ['steps', index, 'dependsOn', depIndex],
        message: `step "${step.name}" depends on "${dependency}", which is not a step of this pipeline`,
        params: {
          rule: 'unknown-dependency',
          hint: suggestion ? `did you mean "${suggestion}"?` : `use one of: ${[...firstIndex.keys()].join(', ')}`,
        },
      });
    }
  }
}

/** Finds one cycle per strongly connected group with an iterative DFS (deep pipelines must not overflow the stack). */
function findCycles(steps: readonly GraphStep[]): string[][] {
  const edges = new Map<string, readonly string[]>();
  for (const step of steps) if (!edges.has(step.name)) edges.set(step.name, step.dependsOn);
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    const onPath: string[] = [start];
    state.set(start, 'visiting');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const targets = (edges.get(frame.name) ?? []).filter((target) => edges.has(target) && target !== frame.name);
      if (frame.next >= targets.length) {
        state.set(frame.name, 'done');
        stack.pop();
        onPath.pop();
        continue;
      }
      const target = targets[frame.next++]!;
      const targetState = state.get(target);
      if (targetState === 'visiting') {
        cycles.push([...onPath.slice(onPath.indexOf(target)), target]);
      } else if (targetState === undefined) {
        state.set(target, 'visiting');
        stack.push({ name: target, next: 0 });
        onPath.push(target);
      }
    }
  }
  return cycles;
}

/** Rejects duplicate step names, dependencies on missing steps and dependency cycles (naming the cycle). */
export function checkPipelineGraph(spec: { steps: readonly GraphStep[] }, ctx: z.RefinementCtx): void {
  checkReferences(spec.steps, ctx);
  const indexOf = new Map(spec.steps.map((step, index) => [step.name, index] as const));
  for (const cycle of findCycles(spec.steps)) {
    const first = cycle[0]!;
    ctx.addIssue({
      code: 'custom',
      path: ['steps', indexOf.get(first) ?? 0, 'dependsOn'],
      message: `dependency cycle: ${cycle.join(' -> ')}`,
      params: { rule: 'dependency-cycle', hint: 'remove one of these dependsOn edges so the steps form a DAG' },
    });
  }
}
