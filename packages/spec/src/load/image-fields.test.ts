import { describe, expect, it } from 'vitest';
import { issuesOf, yaml } from '../../test/issues-of.js';
import { defaultImages, parsePlatformSpec } from '../index.js';

const minimal = 'apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: acme\n';

describe('image fields of a Platform', () => {
  it('default to the official images and floe\'s own, with no mirror', () => {
    const { spec } = parsePlatformSpec(minimal, { file: 'platform.yaml' });
    expect(spec.images).toEqual({});
    expect(spec.orchestrator.image).toBe(defaultImages.dagster);
    expect(spec.orchestrator.codeLocation.image).toBe('ghcr.io/floe-dev/floe-dagster:0.1.0');
    expect(spec.jobs.image).toBe('ghcr.io/floe-dev/floe-job:0.1.0');
  });

  it('take a code-location image and a registry mirror, keeping the source registry host by default', () => {
    const { spec } = parsePlatformSpec(yaml`
      apiVersion: floe.dev/v1
      kind: Platform
      metadata:
        name: acme
      spec:
        images:
          mirror:
            prefix: mirror.acme.internal:5000/upstream
        orchestrator:
          codeLocation:
            image: registry.acme.internal/data/floe-dagster:0.1.0-acme
    `, { file: 'platform.yaml' });
    expect(spec.images.mirror).toEqual({ prefix: 'mirror.acme.internal:5000/upstream', keepRegistryHost: true });
    expect(spec.orchestrator.codeLocation.image).toBe('registry.acme.internal/data/floe-dagster:0.1.0-acme');
  });

  it('rejects a mirror prefix with a tag, at its position, saying what a prefix looks like', () => {
    const [issue] = issuesOf(yaml`
      apiVersion: floe.dev/v1
      kind: Platform
      metadata:
        name: acme
      spec:
        images:
          mirror:
            prefix: mirror.acme.internal/upstream:1.0
    `);
    expect(issue).toMatchObject({ line: 8, column: 15, rule: 'invalid-image', path: 'spec.images.mirror.prefix' });
    expect(issue?.message).toContain('is not a registry mirror prefix');
    expect(issue?.hint).toContain('e.g. mirror.acme.internal:5000/upstream');
  });

  it('rejects a mirror prefix without a registry host (a Docker Hub path would be ambiguous)', () => {
    const [issue] = issuesOf(`${minimal}spec:\n  images:\n    mirror:\n      prefix: upstream\n`);
    expect(issue).toMatchObject({ rule: 'invalid-image', path: 'spec.images.mirror.prefix' });
  });

  it('rejects an invalid code-location image and a misspelt mirror field, each located', () => {
    const issues = issuesOf(`${minimal}spec:\n  images:\n    mirror:\n      prefix: mirror.acme.internal\n      keepRegistryHst: false\n  orchestrator:\n    codeLocation:\n      image: Floe/Dagster\n`);
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 9, rule: 'unknown-field', path: 'spec.images.mirror.keepRegistryHst', hint: 'did you mean "keepRegistryHost"?' }),
      expect.objectContaining({ line: 12, column: 14, rule: 'invalid-image', path: 'spec.orchestrator.codeLocation.image' }),
    ]));
  });
});
