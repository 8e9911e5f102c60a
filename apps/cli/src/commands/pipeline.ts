import type { PipelineProgress, PipelineRunSummary } from '@floe/jobs';
import type { Command } from 'commander';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { wholeNumber } from '../flag-values.js';
import { parseOutputFormat, type Output, type OutputFormat } from '../output.js';
import { clusterOptions, type ClusterOptions } from '../cluster-options.js';
import { loadRunInput } from '../run-input.js';
import { connectRunner, describeResult, exitCodeOf } from './job.js';

interface PipelineRunOptions extends ClusterOptions {
  pipeline: string;
  file?: string;
  follow: boolean;
  runId?: string;
  concurrency: number;
  output: OutputFormat;
}

/** A plain line per progress event (logs, CI, pipes). */
export function describeProgress(progress: PipelineProgress): string {
  switch (progress.type) {
    case 'step-started':
      return `start ${progress.step}`;
    case 'attempt-finished':
      return `${describeResult(progress.result)}${progress.nextAttempt ? `; attempt ${progress.nextAttempt.attempt} in ${(progress.nextAttempt.delayMs / 1000).toFixed(0)} s` : ''}`;
    case 'step-finished':
      return `done  ${progress.step}: ${progress.status}`;
    case 'step-skipped':
      return `skip  ${progress.step} (depends on failed ${progress.because.join(', ')})`;
  }
}

/** The exit status of a pipeline run: 0, or the code of the first failed step's last attempt. */
export function pipelineExitCode(summary: PipelineRunSummary): ExitCode {
  if (summary.status === 'Succeeded') return exitCodes.ok;
  const failed = summary.steps.find((step) => step.status === 'Failed')?.attempts.at(-1);
  return failed ? exitCodeOf(failed) : exitCodes.jobAppFailure;
}

/** A live table of step states for a terminal, redrawn in place. */
class LiveTable {
  private readonly states = new Map<string, string>();
  private drawn = 0;

  constructor(private readonly steps: readonly string[], private readonly output: Output) {
    for (const step of steps) this.states.set(step, 'waiting');
  }

  update(progress: PipelineProgress): void {
    const text = progress.type === 'step-started' ? 'running'
      : progress.type === 'attempt-finished' ? (progress.nextAttempt ? `retrying (${progress.result.failure?.class ?? ''})` : progress.result.failure ? `failed: ${progress.result.failure.class}` : 'succeeded')
      : progress.type === 'step-finished' ? progress.status.toLowerCase()
      : `skipped (after ${progress.because.join(', ')})`;
    this.states.set(progress.step, text);
    const lines = this.steps.map((step) => `  ${step.padEnd(28)} ${this.states.get(step) ?? ''}`);
    this.output.out(`${this.drawn > 0 ? `\x1b[${this.drawn}A` : ''}${lines.map((line) => `\x1b[2K${line}`).join('\n')}`);
    this.drawn = lines.length;
  }
}

/** `floe pipeline run`: the whole DAG with the pipeline's retry policy. */
export function registerPipeline(program: Command, output: Output, setExit: (code: number) => void, isTty: () => boolean = () => process.stdout.isTTY): void {
  const pipeline = program.command('pipeline').description('run whole pipelines');

  clusterOptions(pipeline.command('run'))
    .description('run every step in dependsOn order with the pipeline\'s retry policy; dependents of a failed step are skipped')
    .requiredOption('-p, --pipeline <pipeline.yaml>', 'the Pipeline file')
.option('-f, --file <platform.yaml>', 'the Platform file (default: the platform the pipeline names, as last deployed in the cluster)')
    .option('--follow', 'stream every step\'s logs, prefixed with the step name', false)
    .option('--run-id <id>', 'run id (default: generated); rerunning an id adopts its existing attempts')
    .option('--concurrency <n>', 'steps at once (1 or more)', wholeNumber(1), 4)
    .option('-o, --output <format>', 'text or json (the summary)', parseOutputFormat, 'text' as OutputFormat)
    .action(async (options: PipelineRunOptions) => {
      const input = await loadRunInput(options.pipeline, options.file, output, options.output === 'json');
      if (!input) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const runner = await connectRunner(options);
      const live = options.output === 'text' && isTty() && !options.follow ? new LiveTable(input.pipeline.spec.steps.map((step) => step.name), output) : undefined;
      const logs: Promise<void>[] = [];
      try {
        const platform = await input.platformFrom(runner);
        if (!platform) {
          setExit(exitCodes.invalidInput);
          return;
        }
        const specs = { platform, pipeline: input.pipeline };
        const summary = await runner.runPipeline(specs, {
          ...(options.runId ? { runId: options.runId } : {}),
          concurrency: options.concurrency,
          onProgress: (progress) => {
            if (live) live.update(progress);
            else if (options.output === 'text') output.out(describeProgress(progress));
          },
          ...(options.follow ? { onSubmitted: (attempt) => logs.push(runner.followAttempt(attempt, (line) => output.out(`[${attempt.step}] ${line.text}`))) } : {}),
        });
        await Promise.all(logs);
        if (options.output === 'json') output.out(JSON.stringify(summary));
        else output.out(`pipeline ${summary.pipeline} run ${summary.runId}: ${summary.status} in ${(summary.durationMs / 1000).toFixed(1)} s — ${summary.counts.Succeeded} succeeded, ${summary.counts.Failed} failed, ${summary.counts.Skipped} skipped`);
        setExit(pipelineExitCode(summary));
      } finally {
        await runner.close();
      }
    });
}
