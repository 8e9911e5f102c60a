import { describe, expect, it } from 'vitest';
import { applyPhaseAnnotation, groupByPhase, phaseOfObject } from './apply-phase.js';

const object = (kind: string, name: string, annotations?: Record<string, string>) => ({ kind, metadata: { name, ...(annotations ? { annotations } : {}) } });

describe('apply phases', () => {
  it('applies a Job annotated for the bootstrap phase after every workload and scaling object, so the service it calls is Ready', () => {
    const bootstrap = object('Job', 'polaris-catalog-bootstrap', { [applyPhaseAnnotation]: 'bootstrap' });
    const groups = groupByPhase([bootstrap, object('Deployment', 'polaris'), object('Job', 'create-buckets'), object('PodDisruptionBudget', 'polaris')]);
    expect(groups.map((group) => [group.phase, group.objects.map((entry) => entry.metadata.name)])).toEqual([
      ['workloads', ['polaris', 'create-buckets']],
      ['scaling', ['polaris']],
      ['bootstrap', ['polaris-catalog-bootstrap']],
    ]);
  });

  it('ignores any other value of the annotation: an object cannot jump to an earlier phase', () => {
    expect(phaseOfObject(object('Job', 'early', { [applyPhaseAnnotation]: 'namespaces' }))).toBe('workloads');
  });
});
