import { describe, expect, it } from 'vitest';
import { podUidOf } from './node-cleanup.js';

describe('podUidOf', () => {
  const uid = '2c5633a4-b187-4271-8c29-7c9a36a8294c';
  it('reads the pod UID of a container process from its cgroups (QoS class or Guaranteed)', () => {
    expect(podUidOf(`12:memory:/kubepods/besteffort/pod${uid}/83f4df5942442119\n11:cpu:/kubepods/besteffort/pod${uid}/83f4df5942442119\n`)).toBe(uid);
    expect(podUidOf(`4:pids:/kubepods/pod${uid}/abc\n`)).toBe(uid);
  });

  it('finds none for host processes or other cgroup trees', () => {
    expect(podUidOf('12:memory:/\n11:cpu:/user.slice\n')).toBeUndefined();
    expect(podUidOf(`12:memory:/libpod_parent/pod${uid}/ctr\n`)).toBeUndefined();
  });
});
