import type { ResourceClient } from '@floe/kube';

/**
 * Dagster's webserver GraphQL API, as the UI calls it, reached from the test
 * host at the webserver pod's address (the node routes to the pod network).
 * Only the calls the orchestrator tests make.
 */
export interface DagsterRun {
  readonly runId: string;
  readonly jobName: string;
  readonly status: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly events: readonly DagsterEvent[];
}

export interface DagsterEvent {
  readonly __typename: string;
  readonly message?: string;
  readonly stepKey?: string | null;
  readonly timestamp?: string;
  readonly metadataEntries?: readonly { label: string; text?: string; intValue?: number; boolValue?: boolean; jsonString?: string }[];
}

const repository = { repositoryLocationName: 'floe-pipelines', repositoryName: '__repository__' };

export class DagsterGraphql {
  private constructor(private readonly url: string) {}

  /** The client of the platform's webserver (its pod's address). */
  static async of(resources: ResourceClient, namespace: string): Promise<DagsterGraphql> {
    const pods = (await resources.list('v1', 'Pod', { namespace, labelSelector: 'app.kubernetes.io/component=webserver' })).items as unknown as { status?: { podIP?: string; phase?: string } }[];
    const ip = pods.find((pod) => pod.status?.phase === 'Running' && pod.status.podIP)?.status?.podIP;
    if (!ip) throw new Error(`no running Dagster webserver pod in ${namespace}`);
    return new DagsterGraphql(`http://${ip}:3000/graphql`);
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!response.ok || body.errors || !body.data) throw new Error(`Dagster GraphQL: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
    return body.data;
  }

  /** The jobs, schedules and sensors the webserver has loaded from the code location. */
  async definitions(): Promise<{ jobs: string[]; schedules: string[]; sensors: string[] }> {
    const data = await this.query<{ repositoriesOrError: { nodes?: { jobs: { name: string }[]; schedules: { name: string }[]; sensors: { name: string }[] }[] } }>(
      '{ repositoriesOrError { ... on RepositoryConnection { nodes { jobs { name } schedules { name } sensors { name } } } } }',
    );
    const nodes = data.repositoriesOrError.nodes ?? [];
    return {
      jobs: nodes.flatMap((node) => node.jobs.map((job) => job.name)),
      schedules: nodes.flatMap((node) => node.schedules.map((schedule) => schedule.name)),
      sensors: nodes.flatMap((node) => node.sensors.map((sensor) => sensor.name)),
    };
  }

  /** launchRun, as the UI's Launchpad does; the run id. */
  async launchRun(jobName: string): Promise<string> {
    const data = await this.query<{ launchRun: { __typename: string; run?: { runId: string }; message?: string } }>(
      'mutation($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } ... on InvalidSubsetError { message } } }',
      { p: { selector: { ...repository, jobName }, runConfigData: {} } },
    );
    if (!data.launchRun.run) throw new Error(`launchRun ${jobName}: ${data.launchRun.__typename} ${data.launchRun.message ?? ''}`);
    return data.launchRun.run.runId;
  }

  /** terminateRun, as the UI's Terminate button does. */
  async terminateRun(runId: string): Promise<string> {
    const data = await this.query<{ terminateRun: { __typename: string } }>('mutation($r: String!) { terminateRun(runId: $r) { __typename } }', { r: runId });
    return data.terminateRun.__typename;
  }

  async run(runId: string): Promise<DagsterRun> {
    const data = await this.query<{ runOrError: { runId: string; jobName: string; status: string; tags: { key: string; value: string }[]; eventConnection: { events: DagsterEvent[] } } }>(
      `query($r: ID!) { runOrError(runId: $r) { ... on Run { runId jobName status tags { key value }
        eventConnection { events { __typename ... on MessageEvent { message stepKey timestamp }
          ... on ExecutionStepFailureEvent { metadataEntries: failureMetadata { metadataEntries { label ... on TextMetadataEntry { text } ... on IntMetadataEntry { intValue } ... on BoolMetadataEntry { boolValue } ... on JsonMetadataEntry { jsonString } } } } } } } } }`,
      { r: runId },
    );
    const run = data.runOrError;
    const events = run.eventConnection.events.map((event) => {
      const wrapped = event.metadataEntries as unknown as { metadataEntries?: DagsterEvent['metadataEntries'] } | null | undefined;
      return { ...event, metadataEntries: wrapped?.metadataEntries ?? [] };
    });
    return { runId: run.runId, jobName: run.jobName, status: run.status, tags: Object.fromEntries(run.tags.map((tag) => [tag.key, tag.value])), events };
  }

  /** The latest runs of a job (newest first). */
  async runsOf(jobName: string, limit = 20): Promise<{ runId: string; status: string; tags: Record<string, string> }[]> {
    const data = await this.query<{ runsOrError: { results: { runId: string; status: string; tags: { key: string; value: string }[] }[] } }>(
      'query($f: RunsFilter, $l: Int) { runsOrError(filter: $f, limit: $l) { ... on Runs { results { runId status tags { key value } } } } }',
      { f: { pipelineName: jobName }, l: limit },
    );
    return data.runsOrError.results.map((run) => ({ runId: run.runId, status: run.status, tags: Object.fromEntries(run.tags.map((tag) => [tag.key, tag.value])) }));
  }
}

/** Statuses after which a run does not change any more. */
export const finishedRunStatuses = ['SUCCESS', 'FAILURE', 'CANCELED'];
