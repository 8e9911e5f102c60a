import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { exitCodes } from '../exit-codes.js';
import { parseOutputFormat, type Output, type OutputFormat } from '../output.js';
import { repeatable } from '../flag-values.js';
import { loadSpecInput } from '../spec-input.js';

// Loaded on use, so commands that do not talk to a registry start fast.
const oci = () => import('@floe/oci');


/** A client for the registry of an `oci://` reference (TLS unless loopback or --insecure; credentials from the docker/podman files). */
export async function registryClientFor(registry: string, insecure: boolean) {
  const { RegistryClient } = await oci();
  return new RegistryClient(registry, { insecure });
}

/** Pulls and verifies a platform artifact (`oci://…:TAG` or `…@sha256:…`). */
export async function pullArtifact(reference: string, insecure: boolean) {
  const { parseOciReference, pullPlatformArtifact } = await oci();
  const parsed = parseOciReference(reference);
  return pullPlatformArtifact(await registryClientFor(parsed.registry, insecure), parsed);
}

/** `floe platform publish` and `floe platform promote`. */
export function registerPlatformArtifact(platform: Command, output: Output, setExit: (code: number) => void): void {
  platform.command('publish')
    .description('push the validated platform, its compiled pipelines and its rendered manifests as one OCI artifact; prints its digest (same content, same digest)')
    .requiredOption('-f, --file <platform.yaml>', 'the Platform file')
    .option('-p, --pipeline <pipeline.yaml>', 'a Pipeline file, compiled into the artifact (repeatable)', repeatable, [] as string[])
    .requiredOption('--to <oci://REGISTRY/REPO:TAG>', 'where to push')
    .option('--source <url>', 'org.opencontainers.image.source (default: the git origin remote, credentials stripped)')
    .option('--revision <rev>', 'org.opencontainers.image.revision (default: the git commit)')
    .option('--artifact-version <version>', 'org.opencontainers.image.version')
    .option('--insecure', 'plain HTTP to a registry that is not on this machine', false)
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat)
    .action(async (options: { file: string; pipeline: string[]; to: string; source?: string; revision?: string; artifactVersion?: string; insecure: boolean; output: OutputFormat }) => {
      const { parseOciReference, artifactProvenance, buildPlatformArtifact, publishArtifact } = await oci();
      const target = parseOciReference(options.to);
      const input = await loadSpecInput(options.file, options.pipeline, output);
      if (!input) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const found = await artifactProvenance(dirname(resolve(options.file)));
      const provenance = {
        ...found,
        ...(options.source !== undefined ? { source: options.source } : {}),
        ...(options.revision !== undefined ? { revision: options.revision } : {}),
        ...(options.artifactVersion !== undefined ? { version: options.artifactVersion } : {}),
      };
      const built = buildPlatformArtifact(input.platform, input.pipelines, provenance);
      const published = await publishArtifact(await registryClientFor(target.registry, options.insecure), target, built);
      if (options.output === 'json') output.out(JSON.stringify({ digest: published.digest, reference: published.pinned, uploaded: published.uploaded }));
      else output.out(`published ${options.to}\ndigest ${published.digest}\n${published.pinned}`);
      setExit(exitCodes.ok);
    });

  platform.command('promote')
    .description('copy an artifact to another tag or repository by digest (never rebuilt; mounted across repositories of one registry); refuses if the source tag moved since it was read')
    .argument('<source>', 'oci://REGISTRY/REPO:TAG or oci://REGISTRY/REPO@sha256:DIGEST')
    .argument('<target>', 'oci://REGISTRY/REPO:TAG')
    .option('--expect-digest <sha256:…>', 'the digest the source tag had when you read it (for example when you deployed it); refuse if it moved since')
    .option('--insecure', 'plain HTTP to registries that are not on this machine', false)
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat)
    .action(async (sourceText: string, targetText: string, options: { expectDigest?: string; insecure: boolean; output: OutputFormat }) => {
      const { parseOciReference, promoteArtifact, isSha256Digest, InvalidReferenceError } = await oci();
      const source = parseOciReference(sourceText);
      const target = parseOciReference(targetText);
      if (options.expectDigest !== undefined && !isSha256Digest(options.expectDigest)) throw new InvalidReferenceError(options.expectDigest, '--expect-digest takes sha256: and 64 lowercase hex digits');
      const sourceClient = await registryClientFor(source.registry, options.insecure);
      const targetClient = target.registry === source.registry ? sourceClient : await registryClientFor(target.registry, options.insecure);
      const promoted = await promoteArtifact({ client: sourceClient, reference: source }, { client: targetClient, reference: target }, {
        ...(options.expectDigest !== undefined ? { expectedDigest: options.expectDigest } : {}),
      });
      if (options.output === 'json') output.out(JSON.stringify({ digest: promoted.digest, reference: promoted.pinned, mounted: promoted.mounted, copied: promoted.copied, present: promoted.present }));
      else output.out(`promoted ${sourceText} -> ${targetText}\ndigest ${promoted.digest} (blobs: ${promoted.mounted} mounted, ${promoted.copied} copied, ${promoted.present} already there)`);
      setExit(exitCodes.ok);
    });
}
