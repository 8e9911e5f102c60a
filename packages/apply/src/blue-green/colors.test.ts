import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { appliedDigestAnnotation } from '../drift/applied-digest.js';
import { chooseColor, colorDeployment, colorOf, colorService, coloredName, otherColor, retargetAutoscaler } from './colors.js';

const selector = { 'app.kubernetes.io/name': 'cube', 'app.kubernetes.io/component': 'api' };
const desired: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'cube-api', namespace: 'p', labels: { ...selector, 'app.kubernetes.io/version': '1' }, annotations: { 'floe.dev/upgrade': 'blue-green', [appliedDigestAnnotation]: 'd1' } },
  spec: { replicas: 2, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'cube', image: 'cube:1' }] } } },
};
const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cube-api', namespace: 'p' }, spec: { selector } };
const withDigest = (object: KubeObject, digest: string): KubeObject => ({ ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [appliedDigestAnnotation]: digest } } });

describe('colours', () => {
  it('names, flips and reads colours', () => {
    expect(coloredName('cube-api', 'green')).toBe('cube-api-green');
    expect(otherColor('blue')).toBe('green');
    expect(otherColor('green')).toBe('blue');
    expect(colorOf(colorService(service, 'green'))).toBe('green');
    expect(colorOf(colorDeployment(desired, 'blue'))).toBe('blue');
    expect(colorOf(service)).toBeUndefined();
    expect(colorOf(undefined)).toBeUndefined();
  });

  it('colours a Deployment in its name, labels, selector and pod labels, and nothing else', () => {
    const blue = colorDeployment(desired, 'blue');
    const spec = blue['spec'] as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: unknown }; replicas: number };
    expect(blue.metadata.name).toBe('cube-api-blue');
    expect(blue.metadata.labels?.['floe.dev/color']).toBe('blue');
    expect(spec.selector.matchLabels).toEqual({ ...selector, 'floe.dev/color': 'blue' });
    expect(spec.template.metadata.labels).toEqual({ ...selector, 'floe.dev/color': 'blue' });
    expect(spec.template.spec).toEqual((desired['spec'] as { template: { spec: unknown } }).template.spec);
    expect(blue.metadata.annotations).toEqual(desired.metadata.annotations);
    // The input is left alone.
    expect((desired['spec'] as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels).toEqual(selector);
  });

  it('sets and removes the colour of a Service selector', () => {
    const green = colorService(service, 'green');
    expect((green['spec'] as { selector: Record<string, string> }).selector).toEqual({ ...selector, 'floe.dev/color': 'green' });
    expect((colorService(green, undefined)['spec'] as { selector: Record<string, string> }).selector).toEqual(selector);
  });

  it('points an HPA at the coloured Deployment, and only the HPA of that Deployment', () => {
    const hpa: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'cube-api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cube-api' } } };
    expect((retargetAutoscaler(hpa, 'cube-api', 'green')['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe('cube-api-green');
    expect(retargetAutoscaler(hpa, 'polaris', 'green')).toBe(hpa);
  });
});

describe('chooseColor', () => {
  const live = (color: 'blue' | 'green', digest = 'd1') => withDigest(colorDeployment(desired, color), digest);

  it('starts with blue on the first deploy, and after rolling upgrades (a Service without colour)', () => {
    expect(chooseColor(desired, { services: [undefined], blue: undefined, green: undefined })).toEqual({ current: undefined, target: 'blue', steady: false });
    expect(chooseColor(desired, { services: [service], blue: undefined, green: undefined })).toEqual({ current: undefined, target: 'blue', steady: false });
  });

  it('keeps the serving colour when it runs exactly the desired Deployment', () => {
    expect(chooseColor(desired, { services: [colorService(service, 'green')], blue: undefined, green: live('green') })).toEqual({ current: 'green', target: 'green', steady: true });
  });

  it('brings up the other colour when the desired Deployment changed (digest) or drifted (fields)', () => {
    expect(chooseColor(desired, { services: [colorService(service, 'green')], blue: undefined, green: live('green', 'd0') })).toEqual({ current: 'green', target: 'blue', steady: false });
    const drifted = { ...live('green'), spec: { ...(live('green')['spec'] as object), replicas: 5 } };
    expect(chooseColor(desired, { services: [colorService(service, 'green')], blue: undefined, green: drifted })).toMatchObject({ target: 'blue', steady: false });
  });

  it('follows the Service, not which colours exist: a broken leftover colour is replaced, never served', () => {
    expect(chooseColor(desired, { services: [colorService(service, 'blue')], blue: live('blue'), green: live('green', 'broken') })).toEqual({ current: 'blue', target: 'blue', steady: true });
    expect(chooseColor(desired, { services: [colorService(service, 'blue')], blue: undefined, green: live('green') })).toEqual({ current: 'blue', target: 'green', steady: false });
  });

  it('without any Service, the only existing colour is the current one', () => {
    expect(chooseColor(desired, { services: [], blue: undefined, green: live('green') })).toEqual({ current: 'green', target: 'green', steady: true });
    expect(chooseColor(desired, { services: [], blue: live('blue', 'x'), green: live('green', 'y') })).toEqual({ current: undefined, target: 'blue', steady: false });
  });
});
