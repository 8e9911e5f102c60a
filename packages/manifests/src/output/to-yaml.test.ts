import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml, yamlText } from './to-yaml.js';

const tricky = { off: 'off', on: 'on', yes: 'yes', y: 'y', NO: 'NO', octal12: '0o12', leadingZero: '0755', exponent: '1e3', date: '2026-01-01', sexagesimal: '12:30', nil: 'null', Nil: 'Null', tilde: '~', True: 'True', inf: '.inf', minusInf: '-.Inf', nan: '.NaN', plus: '+12', minus: '-1', hex: '0x1F', underscored: '1_000', binary: '0b101', float: '6.8523015e+5', plain: 'info', name: 'acme-data-polaris', version: 'v1.2.3', sentence: 'x: y' };

describe('toYaml', () => {
  it('quotes every string a YAML 1.1 reader (kubectl, go-yaml v2) or a YAML 1.2 reader would take for a boolean, number, null or date', () => {
    const text = toYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: tricky }]);
    for (const version of ['1.1', '1.2'] as const) {
      const read = parse(text.replace(/^---\n/, ''), { version }) as { data: Record<string, unknown> };
      expect(read.data, `as YAML ${version}`).toEqual(tricky);
    }
    expect(text).toContain('"off": "off"');
    expect(text).toContain('plain: info');
  });

  it('leaves numbers, booleans and multi-line strings as they are, and stays deterministic', () => {
    const value = { replicas: 2, enabled: false, script: 'set -e\necho off\n' };
    expect(yamlText(value)).toBe('replicas: 2\nenabled: false\nscript: |\n  set -e\n  echo off\n');
    expect(yamlText(value)).toBe(yamlText(value));
  });
});
