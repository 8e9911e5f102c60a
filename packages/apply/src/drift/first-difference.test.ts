import { describe, expect, it } from 'vitest';
import { firstDifference } from './first-difference.js';

describe('firstDifference', () => {
  it('names the first field a hand edit changed, with both values', () => {
    const desired = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'cube', image: 'cube:1' }] } } } };
    expect(firstDifference(desired, { spec: { replicas: 5, template: desired.spec.template } })).toEqual({ path: 'spec.replicas', desired: 2, live: 5 });
    expect(firstDifference(desired, { spec: { replicas: 2, template: { spec: { containers: [{ name: 'cube', image: 'cube:2', extra: true }] } } } }))
      .toEqual({ path: 'spec.template.spec.containers[0].image', desired: 'cube:1', live: 'cube:2' });
  });

  it('is undefined when the live object only adds server defaults', () => {
    expect(firstDifference({ spec: { replicas: 2 } }, { spec: { replicas: 2, revisionHistoryLimit: 10 }, status: {} })).toBeUndefined();
  });

  it('stops at a list whose length changed', () => {
    expect(firstDifference({ ports: [1, 2] }, { ports: [1] })).toEqual({ path: 'ports', desired: [1, 2], live: [1] });
  });
});
