import type { Platform, Semantic } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, execProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { service } from '../workloads/service.js';
import { statefulSet } from '../workloads/stateful-set.js';
import { platformImage } from '../images/platform-image.js';

type RedisCache = Extract<Semantic['cache'], { type: 'redis' }>;

const runAs = { user: 999, group: 999, fsGroup: 999 };

/**
 * Redis for a pinned Cube older than 0.36 (newer Cube has no Redis
 * support). A StatefulSet so its append-only file survives restarts on the
 * same volume.
 */
export function renderRedis(platform: Platform, cache: RedisCache): KubeObject[] {
  const names = platformNames(platform);
  const password = credentialPlan(platform).redisPassword!;
  const image = platformImage(platform, cache.image);
  const meta = { name: names.redis, namespace: names.platformNamespace, app: apps.redis, image };
  return [
    service(platform, { ...meta, headless: true, ports: [{ name: 'redis', port: ports.redis }] }),
    statefulSet(platform, {
      ...meta,
      annotations: { [generatedCredentialAnnotation]: password.secret },
      replicas: 1,
      serviceName: names.redis,
      volumeClaims: [{ name: 'data', size: cache.storage.size, storageClass: cache.storage.storageClass }],
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.redis, { image }),
        runAs,
        serviceAccountName: names.cube,
        containers: [container({
          name: 'redis',
          image,
          // The password comes from the Secret through env, never from the pod spec.
          command: ['sh', '-c', 'exec redis-server --dir /data --appendonly yes --requirepass "$REDISCLI_AUTH"'],
          ports: [{ name: 'redis', containerPort: ports.redis }],
          env: [envFromSecret('REDISCLI_AUTH', password.secret, password.key)],
          resources: containerResources(cache.resources),
          volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }],
          livenessProbe: execProbe(['redis-cli', 'ping'], { periodSeconds: 10 }),
          readinessProbe: execProbe(['redis-cli', 'ping'], { periodSeconds: 5 }),
        }, runAs)],
        volumes: [emptyDirVolume('tmp')],
      }),
    }),
  ];
}
