import type { AttemptReport, ReportedContainerState, RunExplanation } from '@floe/jobs';
import { InvalidArgumentError, type Command } from 'commander';
import { exitCodes } from '../exit-codes.js';
import type { Output } from '../output.js';
import { connectRunner, namespaceOf, runRefOptions, type RunRefOptions } from './job.js';

interface ExplainOptions extends RunRefOptions {
  step?: string;
  attempt?: number;
}

function state(container: ReportedContainerState): string {
  const parts = [container.state, container.reason, container.exitCode !== undefined ? `exit ${container.exitCode}` : undefined].filter(Boolean);
  return `${parts.join(' ')}${container.message ? `: ${container.message}` : ''}`;
}

function duration(report: AttemptReport): string {
  return report.durationMs === undefined ? '' : ` (${(report.durationMs / 1000).toFixed(1)} s)`;
}

/** The evidence of one attempt, indented under its header, for people. */
export function describeAttemptReport(report: AttemptReport): string[] {
  const failure = report.failure;
  const lines = [`  attempt ${report.attempt}  ${report.status}${failure ? `  ${failure.class} (${failure.reason}${failure.exitCode !== undefined ? `, exit ${failure.exitCode}` : ''}, ${failure.retryable ? 'retryable' : 'not retryable'})` : ''}  job ${report.jobName}`];
  const add = (label: string, text: string) => lines.push(`    ${label.padEnd(10)} ${text}`);
  if (failure) add('message', failure.message);
  if (report.memory) add('memory', `request ${report.memory.request ?? '-'}, limit ${report.memory.limit ?? '-'}${report.memoryRaised ? ` (raised ×${report.memoryRaised.factor} from attempt ${report.memoryRaised.fromAttempt}'s ${report.memoryRaised.from.limit ?? report.memoryRaised.from.request ?? '?'} by retry.onOOM)` : ''}`);
  if (report.image) add('image', report.image);
  add('time', `${report.startedAt ?? report.createdAt ?? '?'} → ${report.finishedAt}${duration(report)}`);
  if (report.pod) add('pod', `${report.pod.name} ${report.pod.phase ?? ''}${report.pod.reason ? ` ${report.pod.reason}` : ''}${report.pod.message ? `: ${report.pod.message}` : ''}`);
  for (const container of report.containers) {
    add('container', `${container.name}: ${state(container.state)}${container.restartCount > 0 ? ` (restarts ${container.restartCount})` : ''}`);
    if (container.lastState) add('', `before its last restart: ${state(container.lastState)}`);
  }
  for (const event of report.events) add('event', `${event.count}× ${event.object} ${event.reason}: ${event.message}`);
  if (report.node) {
    const conditions = report.node.unavailable ? `conditions unavailable (${report.node.unavailable})`
      : report.node.conditions?.length ? report.node.conditions.map((condition) => `${condition.type}=${condition.status}${condition.reason ? ` (${condition.reason})` : ''}`).join(', ')
      : 'no pressure';
    add('node', `${report.node.name}: ${conditions}`);
  }
  if (report.summary) add('summary', JSON.stringify(report.summary));
  if (report.logs) {
    if (report.logs.unavailable) add('logs', `unavailable: ${report.logs.unavailable}`);
    else {
      add('logs', `last ${report.logs.lines.length} lines${report.logs.omittedLines ? ` (${report.logs.omittedLines} earlier lines cut)` : ''}, credentials redacted by ${report.redaction === 'values' ? 'value' : 'env name only (the runner may not read Secrets)'}:`);
      for (const line of report.logs.lines) lines.push(`      | ${line}`);
    }
  }
  if (report.omitted) add('cut', Object.entries(report.omitted).map(([field, count]) => `${field} ${count}`).join(', '));
  return lines;
}

/** Verdicts first (one line per step), then each step's evidence. */
export function describeExplanation(explanation: RunExplanation): string[] {
  const lines = explanation.steps.map((step) => `${step.step}: ${step.verdict}`);
  for (const step of explanation.steps) {
    lines.push('', `step ${step.step} (${step.state})`);
    for (const report of step.attempts) lines.push(...describeAttemptReport(report));
    for (const running of step.running) lines.push(`  attempt ${running.attempt}  Running  waiting for ${running.waitingFor ?? 'the step to finish'}  job ${running.jobName}`);
  }
  return lines;
}

function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('use a whole number of 1 or more');
  return number;
}

/** `floe job explain RUN`: why each step ended as it did, from the reports kept in the cluster (after pods and Jobs are gone). */
export function registerJobExplain(job: Command, output: Output, setExit: (code: number) => void): void {
  runRefOptions(job.command('explain'))
    .description('why a run\'s steps failed (or succeeded): a verdict, then the evidence of each attempt; works after the pods and Jobs are gone')
    .argument('<run>', 'run id')
    .option('--step <name>', 'only this step')
    .option('--attempt <n>', 'only this attempt\'s evidence (the verdict still covers every attempt)', positiveInt)
    .action(async (runId: string, options: ExplainOptions) => {
      const runner = await connectRunner(options);
      try {
        const explanation = await runner.explain(await namespaceOf(options), runId, {
          ...(options.step ? { step: options.step } : {}),
          ...(options.attempt !== undefined ? { attempt: options.attempt } : {}),
        });
        if (options.output === 'json') output.out(JSON.stringify(explanation));
        else for (const line of describeExplanation(explanation)) output.out(line);
        setExit(exitCodes.ok);
      } finally {
        await runner.close();
      }
    });
}
