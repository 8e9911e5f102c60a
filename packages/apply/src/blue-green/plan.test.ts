import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { appliedDigestAnnotation } from '../drift/applied-digest.js';
import { refKey } from '../inventory/apply-set.js';
import { colorDeployment, colorService } from './colors.js';
import { planBlueGreen, type LiveObjects } from './plan.js';

const labels = (component: string) => ({ 'app.kubernetes.io/name': 'x', 'app.kubernetes.io/component': component });
const deployment = (name: string, options: { blueGreen?: boolean; replicas?: number; digest?: string; delay?: string } = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name,
    namespace: 'p',
    annotations: {
      ...(options.blueGreen ? { 'floe.dev/upgrade': 'blue-green' } : {}),
      ...(options.delay !== undefined ? { 'floe.dev/scale-down-delay-seconds': options.delay } : {}),
      [appliedDigestAnnotation]: options.digest ?? 'd1',
    },
  },
  spec: { ...(options.replicas !== undefined ? { replicas: options.replicas } : {}), selector: { matchLabels: labels(name) }, template: { metadata: { labels: labels(name) } } },
});
const service = (name: string, of?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'p', ...(of ? { annotations: { 'floe.dev/blue-green-of': of } } : {}) }, spec: { selector: labels(name) } });
const hpa = (name: string): KubeObject => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'p' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name } } });
const statefulSet: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'p' }, spec: {} };
const liveOf = (objects: KubeObject[]): LiveObjects => ({
  deployments: new Map(objects.filter((object) => object.kind === 'Deployment').map((object) => [`p/${object.metadata.name}`, object])),
  services: new Map(objects.filter((object) => object.kind === 'Service').map((object) => [`p/${object.metadata.name}`, object])),
});
const names = (objects: readonly KubeObject[]) => objects.map((object) => `${object.kind}/${object.metadata.name}`);
const selectorColor = (objects: readonly KubeObject[], name: string) =>
  (objects.find((object) => object.kind === 'Service' && object.metadata.name === name)!['spec'] as { selector: Record<string, string> }).selector['floe.dev/color'];

describe('planBlueGreen', () => {
  const desired = [service('api', 'api'), service('daemon'), statefulSet, deployment('api', { blueGreen: true }), deployment('daemon'), hpa('api')];

  it('passes a rolling platform through untouched', () => {
    const rolling = [service('api'), statefulSet, deployment('api'), hpa('api')];
    const plan = planBlueGreen(rolling, liveOf([]));
    expect(plan.objects).toEqual(rolling);
    expect(plan.switches).toEqual([]);
  });

  it('first deploy: blue, the new Service selecting blue at once, nothing to switch, StatefulSets and other Deployments untouched', () => {
    const plan = planBlueGreen(desired, liveOf([]));
    expect(names(plan.objects)).toEqual(['Service/api', 'Service/daemon', 'StatefulSet/db', 'Deployment/api-blue', 'Deployment/daemon', 'HorizontalPodAutoscaler/api']);
    expect(selectorColor(plan.objects, 'api')).toBe('blue');
    expect(selectorColor(plan.objects, 'daemon')).toBeUndefined();
    expect((plan.objects[5]!['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe('api-blue');
    expect(plan.switches).toEqual([]);
  });

  it('unchanged: the serving colour stays, nothing switches', () => {
    const live = liveOf([colorService(service('api', 'api'), 'green'), colorDeployment(deployment('api', { blueGreen: true }), 'green')]);
    const plan = planBlueGreen(desired, live);
    expect(names(plan.objects)).toContain('Deployment/api-green');
    expect(selectorColor(plan.objects, 'api')).toBe('green');
    expect(plan.switches).toEqual([]);
  });

  it('changed: brings up the other colour, keeps the Service on the old one until the switch, HPA at the new one', () => {
    const live = liveOf([colorService(service('api', 'api'), 'green'), colorDeployment(deployment('api', { blueGreen: true, digest: 'd0' }), 'green')]);
    const plan = planBlueGreen(desired, live);
    expect(names(plan.objects)).toContain('Deployment/api-blue');
    expect(names(plan.objects)).not.toContain('Deployment/api-green');
    expect(selectorColor(plan.objects, 'api')).toBe('green');
    expect(selectorColor(plan.final, 'api')).toBe('blue');
    expect(plan.switches.map((change) => [change.deployment.metadata.name, change.from, change.to, names(change.services), change.retiring])).toEqual([['api-blue', 'green', 'blue', ['Service/api'], 'api-green']]);
    expect(selectorColor(plan.switches[0]!.services, 'api')).toBe('blue');
  });

  it('from rolling upgrades: the uncoloured Service keeps serving the uncoloured Deployment until blue is Ready', () => {
    const live = liveOf([service('api', 'api'), deployment('api', { blueGreen: false })]);
    const plan = planBlueGreen(desired, live);
    expect(selectorColor(plan.objects, 'api')).toBeUndefined();
    expect(plan.switches.map((change) => [change.from, change.to, change.retiring])).toEqual([[undefined, 'blue', 'api']]);
  });

  it('gives every switch the scale-down delay its Deployment was rendered with (30 s when it carries none)', () => {
    const live = liveOf([
      colorService(service('api', 'api'), 'green'), colorDeployment(deployment('api', { blueGreen: true, digest: 'd0' }), 'green'),
      colorService(service('ui', 'ui'), 'blue'), colorDeployment(deployment('ui', { blueGreen: true, digest: 'd0' }), 'blue'),
    ]);
    const plan = planBlueGreen([service('api', 'api'), deployment('api', { blueGreen: true, delay: '7' }), service('ui', 'ui'), deployment('ui', { blueGreen: true })], live);
    expect(plan.switches.map((change) => [change.retiring, change.scaleDownDelaySeconds])).toEqual([['api-green', 7], ['ui-blue', 30]]);
  });

  it('starts the new colour of an autoscaled Deployment with as many replicas as the HPA gave the old one', () => {
    const autoscaled = [service('api', 'api'), deployment('api', { blueGreen: true }), hpa('api')];
    const old = colorDeployment(deployment('api', { blueGreen: true, digest: 'd0', replicas: 3 }), 'blue');
    const plan = planBlueGreen(autoscaled, liveOf([colorService(service('api', 'api'), 'blue'), old]));
    expect([...plan.initialReplicas]).toEqual([[refKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'p', name: 'api-green' }), 3]]);
    // Not for a Deployment that sets its own replicas.
    const fixed = [service('api', 'api'), deployment('api', { blueGreen: true, replicas: 2 })];
    expect(planBlueGreen(fixed, liveOf([colorService(service('api', 'api'), 'blue'), old])).initialReplicas.size).toBe(0);
  });
});
