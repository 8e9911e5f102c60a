import { createInterface } from 'node:readline/promises';
import type { Platform } from '@floe/spec';
import type { Command } from 'commander';
import { buildIdentity } from '../build-identity.js';
import { clusterOptions, kubeConfigSource, type ClusterOptions } from '../cluster-options.js';
import { exitCodes } from '../exit-codes.js';
import { parseDryRun, repeatable, wholeNumber, type DryRunMode } from '../flag-values.js';
import { parseOutputFormat, type Output, type OutputFormat } from '../output.js';
import { loadPlatformIdentity, loadSpecInput } from '../spec-input.js';
import { version } from '../version.js';
import { describeConflicts } from './diff-conflicts.js';
import { deployProgress } from './platform-progress.js';
import { describeStatus, isUpToDate } from './platform-status-text.js';
import { pullArtifact, registerPlatformArtifact } from './platform-artifact.js';

// Loaded on use, so commands that do not talk to a cluster start fast.
const apply = () => import('@floe/apply');
const kube = () => import('@floe/kube');

interface IdentityOptions extends ClusterOptions {
  file?: string;
  name?: string;
  namespace: string;
  output: OutputFormat;
}

/**
 * `-f platform.yaml` (only its name and platform namespace are read: the
 * rest of the file is not validated), or `--name` (+ `--namespace`) for a
 * platform already deployed.
 */
async function identityOf(options: IdentityOptions, output: Output): Promise<{ name: string; namespace: string } | undefined> {
  if (options.file) return loadPlatformIdentity(options.file, output);
  if (options.name) return { name: options.name, namespace: options.namespace };
  output.err('error: give the platform with -f platform.yaml or --name NAME [--namespace NS]');
  return undefined;
}

async function connect(options: ClusterOptions) {
  const { KubeClient, ResourceClient } = await kube();
  const client = await KubeClient.connect(kubeConfigSource(options));
  return { client, resources: new ResourceClient(client) };
}

const identityFlags = (command: Command) =>
  clusterOptions(command)
    .option('-f, --file <platform.yaml>', 'the Platform file (only its name and platform namespace are read)')
    .option('--name <name>', 'the name of a deployed platform (instead of -f)')
    .option('--namespace <ns>', 'its platform namespace (with --name)', 'floe-platform')
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat);

/** `floe platform deploy | diff | status | history | rollback | destroy | publish | promote`. */
export function registerPlatform(program: Command, output: Output, setExit: (code: number) => void): void {
  const platform = program.command('platform').description('deploy and operate the platform services (Layer 3)');

  clusterOptions(platform.command('deploy'))
    .description('apply the platform in phases with server-side apply, wait until ready, prune what was removed, record a revision')
    .option('-f, --file <platform.yaml>', 'the Platform file')
    .option('-p, --pipeline <pipeline.yaml>', 'a Pipeline file compiled into the Dagster code location, validated with the platform (repeatable; with -f)', repeatable, [] as string[])
    .option('--from <oci://…:TAG|@sha256:…>', 'deploy a published artifact instead of files (exactly its objects; its digest is recorded)')
    .option('--insecure', 'with --from: plain HTTP to a registry that is not on this machine', false)
    .option('--dry-run <mode>', '"server": validate and admit everything on the server, change nothing', parseDryRun)
    .option('--atomic', 'on failure, restore the previous revision', false)
    .option('--timeout <seconds>', 'bound on the whole deploy (1 or more)', wholeNumber(1), 600)
    .option('--no-wait', 'do not wait for readiness')
    .option('--force-conflicts', 'take fields owned by other field managers', false)
    .option('--allow-empty-prune', 'allow pruning every deployed object', false)
    .option('-o, --output <format>', 'text or json (a JSON event per line)', parseOutputFormat, 'text' as OutputFormat)
    .action(async (options: ClusterOptions & { file?: string; pipeline: string[]; from?: string; insecure: boolean; dryRun?: DryRunMode; atomic: boolean; timeout: number; wait: boolean; forceConflicts: boolean; allowEmptyPrune: boolean; output: OutputFormat }) => {
      if ((options.file === undefined) === (options.from === undefined)) {
        output.err('error: give the platform with either -f platform.yaml or --from oci://REGISTRY/REPO:TAG');
        setExit(exitCodes.usage);
        return;
      }
      // The kubeconfig is read and the API server's handshake begun while the spec loads. Input that fails still
      // fails as such: its error is the one reported, and the connection is closed unused.
      const connecting = connect(options);
      connecting.catch(() => undefined);
      const unused = () => void connecting.then(({ client }) => client.close(), () => undefined);
      const closing = (error: unknown): never => {
        unused();
        throw error;
      };
      // Every layer is pulled and checked against its digest before anything is applied.
      const artifact = options.from !== undefined ? await pullArtifact(options.from, options.insecure).catch(closing) : undefined;
      if (artifact && options.pipeline.length > 0) {
        output.err('error: -p belongs with -f; an artifact already holds its compiled pipelines (floe platform publish -p)');
        setExit(exitCodes.usage);
        unused();
        return;
      }
      const input = artifact ? { platform: artifact.platform, pipelines: [] } : await loadSpecInput(options.file!, options.pipeline, output).catch(closing);
      const spec = input?.platform;
      if (!spec) {
        setExit(exitCodes.invalidInput);
        unused();
        return;
      }
      if (artifact && options.output !== 'json') output.err(`deploying ${artifact.pinned}`);
      const { deployPlatform, DeployFailedError, RollbackFailedError } = await apply();
      const { client, resources } = await connecting;
      const renderer = buildIdentity();
      try {
        const result = await deployPlatform({
          platform: spec, resources, ...(artifact ? { rendered: artifact.rendered, artifact: artifact.pinned } : { pipelines: input.pipelines }), wait: options.wait, timeoutMs: options.timeout * 1000, forceConflicts: options.forceConflicts,
          dryRun: options.dryRun === 'server', atomic: options.atomic, allowEmptyPrune: options.allowEmptyPrune, floeVersion: version,
          ...(renderer && !artifact ? { renderer } : {}),
          onEvent: deployProgress(output, options.output, process.stdout.isTTY),
        });
        const summary = `${spec.metadata.name}: ${result.created} created, ${result.configured} configured, ${result.unchanged} unchanged, ${result.pruned} pruned in ${(result.durationMs / 1000).toFixed(1)} s${result.revision ? ` (revision ${result.revision})` : ''}${options.dryRun ? ' [server dry run]' : ''}`;
        output.out(options.output === 'json' ? JSON.stringify({ type: 'done', ...result }) : summary);
        setExit(exitCodes.ok);
      } catch (error) {
        if (error instanceof DeployFailedError || error instanceof RollbackFailedError) {
          output.err(`deploy failed: ${error.message}`);
          setExit(exitCodes.notReady);
          return;
        }
        throw error;
      } finally {
        client.close();
      }
    });

  clusterOptions(platform.command('diff'))
    .description('show what deploy would change (server-side dry run; Secret values masked); exit 10 when something would change')
    .requiredOption('-f, --file <platform.yaml>', 'the Platform file')
    .option('-p, --pipeline <pipeline.yaml>', 'a Pipeline file of the code location, as given to deploy (repeatable)', repeatable, [] as string[])
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat)
    .action(async (options: ClusterOptions & { file: string; pipeline: string[]; output: OutputFormat }) => {
      const input = await loadSpecInput(options.file, options.pipeline, output);
      const spec = input?.platform;
      if (!spec) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const { diffPlatform } = await apply();
      const { client, resources } = await connect(options);
      try {
        const changes = await diffPlatform(resources, spec, { pipelines: input.pipelines });
        if (options.output === 'json') output.out(JSON.stringify({ changes }));
        else if (changes.length === 0) output.out('no changes');
        else {
          for (const change of changes) output.out(change.diff);
          for (const line of describeConflicts(changes)) output.out(line);
        }
        setExit(changes.length === 0 ? exitCodes.ok : exitCodes.changesPending);
      } finally {
        client.close();
      }
    });

  identityFlags(platform.command('status'))
    .description('each service: ready replicas, reason if not healthy, version, last revision, drift from it, a failed last deploy; exit 3 unless healthy, as deployed and last deployed successfully')
    .action(async (options: IdentityOptions) => {
      const identity = await identityOf(options, output);
      if (!identity) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const { platformStatus } = await apply();
      const { client, resources } = await connect(options);
      try {
        const status = await platformStatus(resources, { metadata: { name: identity.name }, spec: { namespaces: { platform: identity.namespace } } } as Platform);
        if (options.output === 'json') output.out(JSON.stringify(status));
        else for (const line of describeStatus(status)) output.out(line);
        setExit(isUpToDate(status) ? exitCodes.ok : exitCodes.notReady);
      } finally {
        client.close();
      }
    });

  identityFlags(platform.command('history'))
    .description('the recorded revisions of a platform')
    .action(async (options: IdentityOptions) => {
      const identity = await identityOf(options, output);
      if (!identity) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const { listRevisions } = await apply();
      const { client, resources } = await connect(options);
      try {
        const revisions = await listRevisions(resources, identity.name, identity.namespace);
        if (options.output === 'json') output.out(JSON.stringify(revisions.map((revision) => ({ number: revision.number, deployedAt: revision.deployedAt, floeVersion: revision.floeVersion, digest: revision.digest, cause: revision.cause, ...(revision.artifact ? { artifact: revision.artifact } : {}) }))));
        else if (revisions.length === 0) output.out(`no revisions of ${identity.name} in ${identity.namespace}`);
        else for (const revision of revisions) output.out(`${String(revision.number).padStart(4)}  ${revision.deployedAt}  floe ${revision.floeVersion}  ${revision.digest.slice(0, 12)}  ${revision.cause}${revision.artifact ? `  from ${revision.artifact}` : ''}`);
        setExit(exitCodes.ok);
      } finally {
        client.close();
      }
    });

  identityFlags(platform.command('rollback'))
    .description('re-deploy a recorded revision (default: the one before the latest); a revision deployed from an artifact is pulled again by its digest')
    .option('--to <revision>', 'revision number', wholeNumber(1))
    .option('--insecure', 'plain HTTP to the artifact\'s registry when it is not on this machine', false)
    .option('--timeout <seconds>', 'bound on the deploy (1 or more)', wholeNumber(1), 600)
    .action(async (options: IdentityOptions & { to?: number; timeout: number; insecure: boolean }) => {
      const identity = await identityOf(options, output);
      if (!identity) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const { rollbackPlatform, DeployFailedError } = await apply();
      const { client, resources } = await connect(options);
      try {
        const result = await rollbackPlatform(resources, identity, {
          ...(options.to !== undefined ? { toRevision: options.to } : {}), timeoutMs: options.timeout * 1000, floeVersion: version,
          renderedOf: async (revision) => (revision.artifact ? (await pullArtifact(revision.artifact, options.insecure)).rendered : undefined),
          onEvent: deployProgress(output, options.output, process.stdout.isTTY),
        });
        output.out(`restored revision ${result.restored} as revision ${result.revision ?? '?'}`);
        setExit(exitCodes.ok);
      } catch (error) {
        if (!(error instanceof DeployFailedError)) throw error;
        output.err(`rollback failed: ${error.message}`);
        setExit(exitCodes.notReady);
      } finally {
        client.close();
      }
    });

  registerPlatformArtifact(platform, output, setExit);

  identityFlags(platform.command('destroy'))
    .description('remove everything the platform deployed; PVCs, generated credentials and namespaces stay unless --delete-data')
    .option('--delete-data', 'also delete volumes, generated credentials and the namespaces', false)
    .option('-y, --yes', 'do not ask for confirmation', false)
    .action(async (options: IdentityOptions & { deleteData: boolean; yes: boolean }) => {
      const identity = await identityOf(options, output);
      if (!identity) {
        setExit(exitCodes.invalidInput);
        return;
      }
      if (!options.yes) {
        if (!process.stdin.isTTY) {
          output.err('error: destroy needs --yes when not run on a terminal');
          setExit(exitCodes.usage);
          return;
        }
        const prompt = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await prompt.question(`destroy platform ${identity.name}${options.deleteData ? ' AND ITS DATA' : ''}? type its name to confirm: `);
        prompt.close();
        if (answer.trim() !== identity.name) {
          output.err('not confirmed; nothing deleted');
          setExit(exitCodes.usage);
          return;
        }
      }
      const { destroyPlatform } = await apply();
      const { client, resources } = await connect(options);
      try {
        const result = await destroyPlatform(resources, identity, { deleteData: options.deleteData });
        output.out(`deleted ${result.deleted.length} objects; kept ${result.kept.length} (${options.deleteData ? 'none asked' : 'volumes, generated credentials, namespaces — use --delete-data to remove them'})`);
        setExit(exitCodes.ok);
      } finally {
        client.close();
      }
    });
}
