import { runJob } from './run-job.js';

// floe-job: the entrypoint of every pipeline pod. Everything it needs comes from the environment.
const exitCode = await runJob(process.env);
process.exit(exitCode);
