import { describe, expect, it } from 'vitest';
import { minimumNode, unsupportedNodeMessage } from './required-node.js';
import { nodeRange } from './version.js';

describe('the Node.js check before any command loads', () => {
  it('reads the minimum from package.json engines', () => {
    expect(minimumNode(nodeRange)).toEqual({ major: 22, minor: 12 });
    expect(() => minimumNode('^22')).toThrow('engines.node');
  });

  it('names the Node.js it needs and the one running when that is older', () => {
    expect(unsupportedNodeMessage('v20.20.2', '>=22.12')).toMatch(/^floe needs Node\.js 22\.12 or newer; this is Node\.js 20\.20\.2\./);
    expect(unsupportedNodeMessage('v22.11.0', '>=22.12')).toContain('this is Node.js 22.11.0');
  });

  it('lets the same and newer versions through', () => {
    for (const running of ['v22.12.0', 'v22.20.1', 'v24.21.0', 'v26.0.0']) expect(unsupportedNodeMessage(running, '>=22.12')).toBeUndefined();
  });
});
