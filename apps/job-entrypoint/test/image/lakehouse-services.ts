import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { platformConfigMap, platformConfigKeys } from '@floe/manifests';
import type { Platform } from '@floe/spec';
import { fakeSecretValue } from './example-pod.js';

/** The local platform's catalog and object storage, running as containers on their own network. */
export interface Lakehouse {
  readonly network: string;
  /** `--add-host` flags mapping the Services' host names to the containers (the network has no DNS under CNI). */
  readonly hostArgs: readonly string[];
  /** The platform ConfigMap's data as the step pods get it. */
  readonly config: Readonly<Record<string, string>>;
  /** The catalog server's log so far (what it answered, e.g. a 409 CommitFailedException). */
  catalogLog(): string;
  /** Removes the containers and the network. */
  stop(): void;
}

export interface LakehouseImages {
  readonly minio: string;
  readonly icebergRest: string;
  /** An image with Python and s3fs (the floe-job image), to create the bucket. */
  readonly client: string;
}

/**
 * Starts the local platform's object storage (the MinIO stand-in) and
 * catalog (the Apache Iceberg REST server stand-in, with its JDBC catalog in
 * SQLite) on a fresh network, each reachable under the host name its
 * Service has on a cluster (`hostArgs`, so the rendered ConfigMap is used as is), with
 * the credentials the pod template's Secrets would hold (`fakeSecretValue`),
 * and creates the bucket. What the platform deploy does on a cluster.
 */
export function startLakehouse(engine: string, platform: Platform, images: LakehouseImages): Lakehouse {
  const suffix = randomBytes(4).toString('hex');
  const network = `floe-lakehouse-${suffix}`;
  const config = platformConfigMap(platform)['data'] as Record<string, string>;
  const catalogHost = new URL(config[platformConfigKeys.catalogUri]!).hostname;
  const storageUrl = new URL(config[platformConfigKeys.storageEndpoint]!);
  const bucket = config[platformConfigKeys.storageBucket]!;
  const region = config[platformConfigKeys.storageRegion]!;
  const storageSecret = config[platformConfigKeys.storageCredentialsSecret]!;
  const accessKey = fakeSecretValue({ name: storageSecret, key: 'AWS_ACCESS_KEY_ID' });
  const secretKey = fakeSecretValue({ name: storageSecret, key: 'AWS_SECRET_ACCESS_KEY' });
  const containers: string[] = [];
  const run = (args: string[]) => execFileSync(engine, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const hostArgs: string[] = [];
  const addHost = (host: string, container: string) => {
    const ip = run(['inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container]).trim();
    hostArgs.push('--add-host', `${host}:${ip}`);
  };
  const stop = () => {
    for (const name of containers) {
      try { run(['rm', '--force', '--time', '2', name]); } catch { /* already gone */ }
    }
    try { run(['network', 'rm', '--force', network]); } catch { /* already gone */ }
  };

  try {
    run(['network', 'create', network]);
    const minio = `floe-minio-${suffix}`;
    containers.push(minio);
    run([
      'run', '--detach', '--name', minio, '--network', network,
      '--tmpfs', '/data', '--env', `MINIO_ROOT_USER=${accessKey}`, '--env', `MINIO_ROOT_PASSWORD=${secretKey}`,
      images.minio, 'server', '/data', '--address', `:${storageUrl.port}`,
    ]);
    addHost(storageUrl.hostname, minio);
    const catalog = `floe-iceberg-rest-${suffix}`;
    containers.push(catalog);
    run([
      'run', '--detach', '--name', catalog, '--network', network, ...hostArgs,
      '--env', 'CATALOG_URI=jdbc:sqlite:file:/tmp/catalog.db', '--env', 'CATALOG_JDBC_USER=catalog', '--env', 'CATALOG_JDBC_PASSWORD=catalog',
      '--env', `CATALOG_WAREHOUSE=s3://${bucket}/`, '--env', 'CATALOG_IO__IMPL=org.apache.iceberg.aws.s3.S3FileIO',
      '--env', `CATALOG_S3_ENDPOINT=${storageUrl.origin}`, '--env', 'CATALOG_S3_PATH__STYLE__ACCESS=true',
      '--env', `CATALOG_S3_ACCESS__KEY__ID=${accessKey}`, '--env', `CATALOG_S3_SECRET__ACCESS__KEY=${secretKey}`,
      '--env', `CATALOG_CLIENT_REGION=${region}`, '--env', `AWS_REGION=${region}`,
      '--env', `CATALOG_REST_PORT=${new URL(config[platformConfigKeys.catalogUri]!).port}`,
      images.icebergRest,
    ]);
    addHost(catalogHost, catalog);
    // From a container on the network: wait for both services, then create the bucket (idempotent).
    const ready = [
      'import s3fs, time, urllib.request, sys',
      'fs = s3fs.S3FileSystem(key=sys.argv[1], secret=sys.argv[2], client_kwargs={"endpoint_url": sys.argv[3], "region_name": sys.argv[4]})',
      'deadline = time.time() + 120',
      'while True:',
      '    try:',
      '        urllib.request.urlopen(sys.argv[6] + "/v1/config", timeout=5).read()',
      '        if not fs.exists(sys.argv[5]): fs.mkdir(sys.argv[5])',
      '        break',
      '    except Exception as error:',
      '        if time.time() > deadline: raise',
      '        time.sleep(1)',
    ].join('\n');
    run([
      'run', '--rm', '--network', network, ...hostArgs, '--read-only', '--tmpfs', '/tmp', '--env', 'HOME=/tmp', '--entrypoint', 'python', images.client,
      '-c', ready, accessKey, secretKey, storageUrl.origin, region, bucket, config[platformConfigKeys.catalogUri]!,
    ]);
  } catch (error) {
    stop();
    throw error;
  }
  // The server logs to stderr.
  const catalogLog = () => {
    const logs = spawnSync(engine, ['logs', `floe-iceberg-rest-${suffix}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return `${logs.stdout}${logs.stderr}`;
  };
  return { network, hostArgs, config, catalogLog, stop };
}
