import { describe, expect, it } from 'vitest';
import { InvalidOwnerPodError, ownerReferenceToPod, parseOwnerPod } from './owner-pod.js';

const uid = '0b7c5e7e-9a53-4a43-9d3c-5f0c9a1d2e3f';

describe('the owner pod of an attempt', () => {
  it('parses NAMESPACE/NAME/UID as the downward API gives them', () => {
    expect(parseOwnerPod(`floe-jobs/dagster-run-1-abcde/${uid}`)).toEqual({ namespace: 'floe-jobs', name: 'dagster-run-1-abcde', uid });
  });

  it('refuses anything else with what to pass', () => {
    for (const text of ['', 'floe-jobs/pod', `floe-jobs/pod/${uid}/extra`, `Floe/pod/${uid}`, 'floe-jobs/pod/not a uid']) {
      expect(() => parseOwnerPod(text), text).toThrow(InvalidOwnerPodError);
    }
    expect(() => parseOwnerPod('floe-jobs/pod')).toThrow(/NAMESPACE\/NAME\/UID/);
  });

  it('becomes an ownerReference that blocks nothing, only in the Job\'s own namespace', () => {
    const owner = parseOwnerPod(`floe-jobs/dagster-run-1-abcde/${uid}`);
    expect(ownerReferenceToPod(owner, 'floe-jobs')).toEqual({ apiVersion: 'v1', kind: 'Pod', name: 'dagster-run-1-abcde', uid, controller: false, blockOwnerDeletion: false });
    // The garbage collector would delete a Job whose owner is not in its namespace at once.
    expect(() => ownerReferenceToPod(owner, 'other-jobs')).toThrow(/not in the Job's namespace other-jobs/);
  });
});
