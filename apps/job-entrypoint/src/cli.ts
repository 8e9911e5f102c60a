import { catalogBootstrapContract } from '@floe/manifests';
import { runCatalogBootstrap } from './polaris/run-catalog-bootstrap.js';
import { runJob } from './run-job.js';

// floe-job: the entrypoint of every pipeline pod (everything it needs comes from the environment),
// and of the platform's Polaris catalog bootstrap Job (`floe-job bootstrap-polaris-catalog`).
const exitCode = process.argv[2] === catalogBootstrapContract.subcommand ? await runCatalogBootstrap(process.env) : await runJob(process.env);
process.exit(exitCode);
