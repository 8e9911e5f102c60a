import { FloeError } from '@floe/errors';

/**
 * The pod's input is unusable: a missing or invalid `FLOE_STEP`, platform
 * config key or credential. floe-job exits with `runtimeExitCodes.configError`
 * (78) so the Job's podFailurePolicy fails the Job at once instead of retrying.
 */
export class JobConfigurationError extends FloeError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      'JOB_CONFIGURATION',
      `floe-job cannot start: ${problems.join('; ')}. Fix the pipeline pod's environment (the floe-platform-config ConfigMap, the credentials Secret or FLOE_STEP) and rerun.`,
    );
    this.problems = problems;
  }
}
