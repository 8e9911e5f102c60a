#!/usr/bin/env node
// Launches a job of the platform's Dagster through its webserver's GraphQL API (as the UI's
// Launchpad does), waits for the run to finish and prints its status and step events.
// Usage: node scripts/dagster-launch.mjs http://WEBSERVER:3000 JOB [TIMEOUT_SECONDS]
// Exit status: 0 when the run succeeded, 1 when it failed or was canceled, 2 on bad usage or no answer.
const [url, jobName, timeoutText = '600'] = process.argv.slice(2);
if (!url || !jobName) {
  process.stderr.write('usage: node scripts/dagster-launch.mjs http://WEBSERVER:3000 JOB [TIMEOUT_SECONDS]\n');
  process.exit(2);
}
const graphql = `${url.replace(/\/$/, '')}/graphql`;
async function query(text, variables = {}) {
  const response = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
  const body = await response.json();
  if (!response.ok || body.errors) throw new Error(`Dagster GraphQL at ${graphql}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}
try {
  const launched = await query(
    'mutation($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }',
    { p: { selector: { repositoryLocationName: 'floe-pipelines', repositoryName: '__repository__', jobName }, runConfigData: {} } },
  );
  const runId = launched.launchRun.run?.runId;
  if (!runId) throw new Error(`launchRun ${jobName}: ${launched.launchRun.__typename} ${launched.launchRun.message ?? ''}`);
  process.stdout.write(`launched Dagster run ${runId} of job ${jobName}\n`);
  const deadline = Date.now() + Number(timeoutText) * 1000;
  let status = 'QUEUED';
  let events = [];
  while (!['SUCCESS', 'FAILURE', 'CANCELED'].includes(status)) {
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${status} after ${timeoutText} s`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const data = await query('query($r: ID!) { runOrError(runId: $r) { ... on Run { status eventConnection { events { __typename ... on MessageEvent { message stepKey } } } } } }', { r: runId });
    if (data.runOrError.status !== status) process.stdout.write(`  ${data.runOrError.status}\n`);
    status = data.runOrError.status;
    events = data.runOrError.eventConnection.events;
  }
  for (const event of events.filter((candidate) => /Step(Success|Failure|UpForRetry)Event|RunFailureEvent/.test(candidate.__typename))) {
    process.stdout.write(`  ${event.stepKey ?? ''} ${event.__typename}: ${event.message ?? ''}\n`);
  }
  process.stdout.write(`run ${runId}: ${status} — in the UI: ${url.replace(/\/$/, '')}/runs/${runId}\n`);
  process.exit(status === 'SUCCESS' ? 0 : 1);
} catch (error) {
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(2);
}
