import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { defaultScaleDownDelaySeconds, oldColorsRemovableAt, scaleDownDelayOf } from './scale-down-delay.js';

const deployment = (annotations: Record<string, string>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', annotations } });

describe('scaleDownDelayOf', () => {
  it('reads the seconds the renderer put on the Deployment, 0 included', () => {
    expect(scaleDownDelayOf(deployment({ 'floe.dev/scale-down-delay-seconds': '5' }))).toBe(5);
    expect(scaleDownDelayOf(deployment({ 'floe.dev/scale-down-delay-seconds': '0' }))).toBe(0);
  });

  it('falls back to 30 s for an artifact rendered without it, or a value that is not whole seconds', () => {
    expect(defaultScaleDownDelaySeconds).toBe(30);
    expect(scaleDownDelayOf(deployment({}))).toBe(30);
    expect(scaleDownDelayOf(deployment({ 'floe.dev/scale-down-delay-seconds': '-1' }))).toBe(30);
    expect(scaleDownDelayOf(deployment({ 'floe.dev/scale-down-delay-seconds': '1.5' }))).toBe(30);
    expect(scaleDownDelayOf(deployment({ 'floe.dev/scale-down-delay-seconds': '' }))).toBe(30);
  });
});

describe('oldColorsRemovableAt', () => {
  it('waits for the latest switch plus its own delay, counted from its EndpointSlices', () => {
    expect(oldColorsRemovableAt([])).toBeUndefined();
    expect(oldColorsRemovableAt([{ endpointsSwitchedAt: 1_000, scaleDownDelaySeconds: 30 }])).toBe(31_000);
    expect(oldColorsRemovableAt([{ endpointsSwitchedAt: 1_000, scaleDownDelaySeconds: 30 }, { endpointsSwitchedAt: 20_000, scaleDownDelaySeconds: 5 }])).toBe(31_000);
    expect(oldColorsRemovableAt([{ endpointsSwitchedAt: 1_000, scaleDownDelaySeconds: 0 }, { endpointsSwitchedAt: 2_000, scaleDownDelaySeconds: 0 }])).toBe(2_000);
  });
});
