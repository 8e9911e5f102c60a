import type { JobRunner } from '@floe/jobs';
import type { Pipeline, Platform, SpecDocument } from '@floe/spec';
import type { Output } from './output.js';
import { loadSpecInput } from './spec-input.js';

type PlatformDocument = Extract<SpecDocument, { kind: 'Platform' }>;
type PipelineDocument = Extract<SpecDocument, { kind: 'Pipeline' }>;

/** What `floe job run` / `floe pipeline run` were given: the pipeline, and where its platform comes from. */
export interface RunInput {
  readonly pipeline: Pipeline;
  /** The platform the run inherits: the -f file, or the one the cluster last deployed (undefined after printing why not). */
  platformFrom(runner: JobRunner): Promise<Platform | undefined>;
}

// Loaded on use, as the runner: only a run without -f reads revisions.
const apply = () => import('@floe/apply');
// Loaded on use: the spec schemas (zod, YAML) are not needed to print help.
const spec = () => import('@floe/spec');

/** Prints the issues of a SpecValidationError (anything else is rethrown); the caller then has nothing to return. */
async function printIssues(error: unknown, output: Output): Promise<undefined> {
  const { SpecValidationError } = await spec();
  if (!(error instanceof SpecValidationError)) throw error;
  output.err(error.message);
  return undefined;
}

async function pipelineDocument(file: string, output: Output): Promise<PipelineDocument | undefined> {
  const { loadSpecFiles } = await spec();
  const documents = await loadSpecFiles([file]).catch((error: unknown) => printIssues(error, output));
  if (!documents) return undefined;
  const pipelines = documents.filter((document): document is PipelineDocument => document.kind === 'Pipeline');
  if (pipelines.length !== 1 || documents.length !== 1) {
    output.err(`error: ${file} must hold exactly one Pipeline document (found ${documents.map((document) => document.kind).join(', ') || 'none'})`);
    return undefined;
  }
  return pipelines[0];
}

/**
 * The platform a pipeline names (`spec.platform`) as the cluster last
 * deployed it (its newest revision), with the pipeline checked against it
 * as `floe validate` checks it against a platform file.
 */
async function deployedPlatform(pipeline: PipelineDocument, runner: JobRunner, output: Output, quiet: boolean): Promise<Platform | undefined> {
  const { findDeployedPlatform } = await apply();
  const { SpecValidationError, checkPipelinePlatform } = await spec();
  const deployed = await findDeployedPlatform(runner.resources, pipeline.spec.spec.platform);
  const source = `platform ${deployed.platform.metadata.name} revision ${deployed.revision.number} (namespace ${deployed.namespace})`;
  const { platform } = deployed;
  const platformDocument: PlatformDocument = { kind: 'Platform', file: source, locate: () => ({ line: 1, column: 1 }), spec: platform };
  if (!quiet) output.err(`using ${source}, deployed ${deployed.revision.deployedAt} (pass -f platform.yaml to use a file instead)`);
  const issues = checkPipelinePlatform(pipeline, [platformDocument]);
  if (issues.length === 0) return platform;
  output.err(new SpecValidationError(issues).message);
  return undefined;
}

/**
 * Loads the specs of a run before any cluster is contacted: with
 * `platformFile`, the platform and the pipeline validated together; without,
 * the pipeline alone, its platform read from the cluster once connected.
 * Prints every issue and returns undefined when the files are invalid.
 */
export async function loadRunInput(pipelineFile: string, platformFile: string | undefined, output: Output, quiet = false): Promise<RunInput | undefined> {
  if (platformFile !== undefined) {
    const input = await loadSpecInput(platformFile, [pipelineFile], output);
    const [pipeline] = input?.pipelines ?? [];
    if (!input) return undefined;
    if (!pipeline) {
      output.err(`error: expected a Pipeline in ${pipelineFile}`);
      return undefined;
    }
    return { pipeline, platformFrom: () => Promise.resolve(input.platform) };
  }
  const document = await pipelineDocument(pipelineFile, output);
  if (!document) return undefined;
  return { pipeline: document.spec, platformFrom: (runner) => deployedPlatform(document, runner, output, quiet) };
}
