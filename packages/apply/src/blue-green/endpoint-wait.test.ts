import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { endpointsBySelector } from './endpoint-wait.js';

const pod = (name: string, color: string): [string, KubeObject] => [`p/${name}`, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'p', labels: { app: 'api', 'floe.dev/color': color } } }];
const pods = new Map([pod('api-blue-1', 'blue'), pod('api-green-1', 'green'), pod('api-green-2', 'green')]);
const slice = (endpoints: [string, boolean | undefined][]): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's', namespace: 'p' },
  endpoints: endpoints.map(([name, ready]) => ({ targetRef: { kind: 'Pod', name }, conditions: ready === undefined ? {} : { ready } })),
});
const green = { app: 'api', 'floe.dev/color': 'green' };

describe('endpointsBySelector', () => {
  it('counts ready endpoints of the selected colour, and every endpoint of another', () => {
    expect(endpointsBySelector([slice([['api-blue-1', true], ['api-green-1', true], ['api-green-2', false]])], pods, green)).toEqual({ readySelected: 1, other: 1 });
    expect(endpointsBySelector([slice([['api-green-1', undefined], ['api-green-2', true]])], pods, green)).toEqual({ readySelected: 2, other: 0 });
    expect(endpointsBySelector([slice([['api-blue-1', false]]), slice([['unknown-pod', true]])], pods, green)).toEqual({ readySelected: 0, other: 2 });
    expect(endpointsBySelector([], pods, green)).toEqual({ readySelected: 0, other: 0 });
  });
});
