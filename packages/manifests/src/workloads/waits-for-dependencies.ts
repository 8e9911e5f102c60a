/**
 * The annotation on a workload that waits for the services it needs by itself
 * (a setup Job that retries until MinIO or Polaris answers), with its one
 * value: a waiting deploy applies it with its phase, rather than once the
 * stateful workloads it names are Ready. Honoured in the workloads phase
 * only: the bootstrap phase is for Jobs that cannot wait themselves.
 */
export const waitsForDependenciesAnnotation = 'floe.dev/waits-for-dependencies';
export const waitsItself = 'itself';
