/** Where the Dagster image keeps its instance (dagster.yaml is mounted into an emptyDir here). */
export const dagsterHome = '/opt/dagster/dagster_home';
/** Where workspace.yaml is mounted. */
export const dagsterWorkspaceDir = '/dagster-workspace';
/** The env var dagster.yaml reads the database password from. */
export const dagsterPasswordEnv = 'DAGSTER_PG_PASSWORD';
