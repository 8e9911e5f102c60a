import type { ObjectChange } from '@floe/apply';
import { describe, expect, it } from 'vitest';
import { describeConflicts } from './diff-conflicts.js';

const change = (name: string, conflict?: ObjectChange['conflict']): ObjectChange => ({
  ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'floe-platform', name }, action: 'update', diff: '', ...(conflict ? { conflict } : {}),
});

describe('the conflicts of floe platform diff', () => {
  it('lists each conflicting object with its fields and the other managers', () => {
    const lines = describeConflicts([
      change('acme-cube-api', { managers: ['kubectl'], fields: ['.spec.replicas'] }),
      change('acme-dagster-webserver'),
      change('acme-polaris', { managers: ['helm', 'kubectl-edit'], fields: ['.spec.template.spec.containers[name="polaris"].image'] }),
    ]);
    expect(lines[0]).toContain('these 2 objects');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/acme-cube-api.*: \.spec\.replicas owned by "kubectl"$/),
      expect.stringMatching(/acme-polaris.*owned by "helm", "kubectl-edit"$/),
    ]);
  });

  it('says nothing when no object conflicts', () => {
    expect(describeConflicts([change('acme-cube-api')])).toEqual([]);
  });
});
