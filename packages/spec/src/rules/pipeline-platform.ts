import { formatFieldPath, type FieldPath } from '../issues/field-path.js';
import type { SpecIssue } from '../issues/spec-issue.js';
import type { SpecDocument } from '../load/spec-document.js';
import { formatMemory, memoryBytes } from '../quantity/memory-bytes.js';
import { closestMatch } from './did-you-mean.js';
import { pipelineMemoryLimit } from './oom-retry.js';

type PipelineDocument = Extract<SpecDocument, { kind: 'Pipeline' }>;
type PlatformDocument = Extract<SpecDocument, { kind: 'Platform' }>;

function issueAt(document: SpecDocument, path: FieldPath, rule: string, message: string, hint: string): SpecIssue {
  const { line, column } = document.locate(path);
  return { file: document.file, line, column, path: formatFieldPath(path), rule, message, hint };
}

/**
 * Checks a pipeline against the platforms given with it: its `platform`
 * must name one of them, and what it uses must be enabled there (a schedule
 * needs the orchestrator, which is what runs schedules). `invalidPlatforms`
 * names platforms that were given but failed validation: a pipeline may name
 * one (nothing more is checked then), and they count for "did you mean".
 */
export function checkPipelinePlatform(pipeline: PipelineDocument, platforms: readonly PlatformDocument[], invalidPlatforms: readonly string[] = []): SpecIssue[] {
  if (platforms.length === 0 && invalidPlatforms.length === 0) return [];
  const wanted = pipeline.spec.spec.platform;
  if (invalidPlatforms.includes(wanted)) return [];
  const platform = platforms.find((candidate) => candidate.spec.metadata.name === wanted);
  const names = [...platforms.map((candidate) => candidate.spec.metadata.name), ...invalidPlatforms];
  if (!platform) {
    const suggestion = closestMatch(wanted, names);
    return [issueAt(pipeline, ['spec', 'platform'], 'unknown-platform',
      `pipeline "${pipeline.spec.metadata.name}" runs on platform "${wanted}", which is not among the given platforms (${names.join(', ')})`,
      suggestion ? `did you mean "${suggestion}"?` : 'set spec.platform to the metadata.name of the Platform')];
  }
  const issues: SpecIssue[] = [];
  if (pipeline.spec.spec.schedule && !platform.spec.spec.orchestrator.enabled) {
    issues.push(issueAt(pipeline, ['spec', 'schedule'], 'component-requires',
      `the pipeline has a schedule but platform "${wanted}" has its orchestrator disabled, so nothing would run it`,
      'enable spec.orchestrator on the platform, or remove the schedule and run the pipeline with `floe pipeline run`'));
  }
  if (pipeline.spec.spec.triggers.length > 0 && !platform.spec.spec.orchestrator.enabled) {
    issues.push(issueAt(pipeline, ['spec', 'triggers'], 'component-requires',
      `the pipeline has triggers but platform "${wanted}" has its orchestrator disabled, so no sensor would start it`,
      'enable spec.orchestrator on the platform, or remove the triggers'));
  }
  const oomIssue = checkOomCapAgainstPlatform(pipeline, platform);
  if (oomIssue) issues.push(oomIssue);
  return issues;
}

/** Steps that inherit the platform's memory limit need `retry.onOOM.maxMemory` above it too. */
function checkOomCapAgainstPlatform(pipeline: PipelineDocument, platform: PlatformDocument): SpecIssue | undefined {
  const spec = pipeline.spec.spec;
  const cap = spec.retry.onOOM ? memoryBytes(spec.retry.onOOM.maxMemory) : undefined;
  const inherited = platform.spec.spec.jobs.resources.limits?.memory;
  const limit = inherited === undefined ? undefined : memoryBytes(inherited);
  if (cap === undefined || limit === undefined || limit < cap) return undefined;
  const step = spec.steps.find((candidate) => pipelineMemoryLimit(spec, candidate) === undefined);
  if (!step) return undefined;
  return issueAt(pipeline, ['spec', 'retry', 'onOOM', 'maxMemory'], 'oom-retry-cap',
    `retry.onOOM.maxMemory ${spec.retry.onOOM!.maxMemory} is not above the memory limit ${formatMemory(limit)} that step "${step.name}" inherits from platform "${platform.spec.metadata.name}" (spec.jobs.resources), so an OOMKilled retry could not get more memory`,
    `raise maxMemory above ${formatMemory(limit)}`);
}
