import type { Pipeline, Platform } from '@floe/spec';
import type { Output } from './output.js';

// Loaded on use: the spec schemas (zod, YAML) cost start-up time that `floe --version` or `--help` should not pay.
const spec = () => import('@floe/spec');
// Which platform a file names, without the spec's schemas: what status, history, rollback and destroy need.
const specIdentity = () => import('@floe/spec/identity');

/** The specs a command was given: exactly one Platform and the Pipelines checked against it. */
export interface SpecInput {
  readonly platform: Platform;
  readonly pipelines: readonly Pipeline[];
}

/**
 * Loads a platform file and pipeline files together (pipelines are checked
 * against the platform). Prints every issue compiler-style and returns
 * undefined when the files are invalid or do not hold exactly one Platform.
 */
export async function loadSpecInput(platformFile: string, pipelineFiles: readonly string[], output: Output): Promise<SpecInput | undefined> {
  const { SpecValidationError, loadSpecFiles } = await spec();
  let documents;
  try {
    documents = await loadSpecFiles([platformFile, ...pipelineFiles]);
  } catch (error) {
    if (!(error instanceof SpecValidationError)) throw error;
    output.err(error.message);
    return undefined;
  }
  const platforms = documents.flatMap((document) => (document.kind === 'Platform' ? [document.spec] : []));
  const [platform] = platforms;
  if (!platform || platforms.length > 1) {
    output.err(`error: ${platformFile} must hold exactly one Platform document (found ${platforms.length})`);
    return undefined;
  }
  return { platform, pipelines: documents.flatMap((document) => (document.kind === 'Pipeline' ? [document.spec] : [])) };
}

/**
 * Which platform a Platform file names (`readPlatformIdentity`: only its
 * name and platform namespace are read and checked). Prints the issues
 * compiler-style and returns undefined when they are invalid.
 */
export async function loadPlatformIdentity(platformFile: string, output: Output): Promise<{ name: string; namespace: string } | undefined> {
  const { readPlatformIdentity, SpecValidationError } = await specIdentity();
  try {
    return await readPlatformIdentity(platformFile);
  } catch (error) {
    if (!(error instanceof SpecValidationError)) throw error;
    output.err(error.message);
    return undefined;
  }
}
