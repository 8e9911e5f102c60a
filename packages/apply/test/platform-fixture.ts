import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePlatformSpec, type Platform } from '@floe/spec';

const exampleText = readFileSync(new URL('../../../examples/platform.yaml', import.meta.url), 'utf8');

/**
 * The full example platform in namespaces of its own (so tests do not
 * collide), with `edit` applied to the YAML text first.
 */
export function testPlatform(edit: (text: string) => string = (text) => text, suffix = randomBytes(3).toString('hex')): Platform {
  const text = edit(exampleText)
    .replace('platform: floe-platform', `platform: fp-${suffix}`)
    .replace('jobs: floe-jobs', `jobs: fj-${suffix}`);
  return parsePlatformSpec(text, { file: 'test-platform.yaml' });
}

/** The same platform (same namespaces) after another edit: for upgrade tests. */
export function variantOf(platform: Platform, edit: (text: string) => string): Platform {
  const suffix = platform.spec.namespaces.platform.replace(/^fp-/, '');
  return testPlatform(edit, suffix);
}
