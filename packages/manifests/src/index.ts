export {
  runtimeEnv,
  platformConfigKeys,
  credentialEnv,
  runtimeMounts,
  runtimeExitCodes,
  configErrorExitCodes,
  pipelineLabels,
  defaultDbtProjectDir,
  defaultTerminationMessagePath,
  type StepInvocation,
} from './pipeline-pod/runtime-contract.js';
