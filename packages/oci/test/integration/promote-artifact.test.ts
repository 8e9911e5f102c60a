import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DigestMismatchError, RegistryClient, TagMovedError, contentDigest, mediaTypes, promoteArtifact, publishArtifact, parseOciReference, type BuiltArtifact } from '../../src/index.js';
import { startTestRegistry, type TestRegistry } from '../../src/testing/index.js';
import type {} from '../../src/testing/provided-context.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startTestRegistry(inject('floeGoBin'));
});
afterAll(() => registry?.stop());

/** A small artifact whose single layer says `text`. */
function artifact(text: string): BuiltArtifact {
  const config = new TextEncoder().encode('{}');
  const layer = new TextEncoder().encode(text);
  const manifest = new TextEncoder().encode(JSON.stringify({
    schemaVersion: 2, mediaType: mediaTypes.imageManifest, artifactType: 'application/vnd.example.test',
    config: { mediaType: mediaTypes.empty, digest: contentDigest(config), size: config.byteLength },
    layers: [{ mediaType: 'text/plain', digest: contentDigest(layer), size: layer.byteLength }],
  }));
  return { manifest, digest: contentDigest(manifest), blobs: [config, layer] };
}

describe('promoteArtifact against a CNCF Distribution registry', () => {
  it('refuses when the source tag moves between reading the manifest and tagging the target', async () => {
    const client = new RegistryClient(registry.registry);
    const source = parseOciReference(`oci://${registry.registry}/race/app:staging`);
    const first = await publishArtifact(client, source, artifact('first'));
    let moved: string | undefined;
    // Another publisher moves the tag right after floe read the source manifest.
    const racing = new RegistryClient(registry.registry, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (moved === undefined && init?.method === 'GET' && url.endsWith('/race/app/manifests/staging')) moved = (await publishArtifact(client, source, artifact('second'))).digest;
        return response;
      },
    });
    const target = parseOciReference(`oci://${registry.registry}/race/app-prod:v1`);
    const failure = await promoteArtifact({ client: racing, reference: source }, { client: racing, reference: target }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TagMovedError);
    expect((failure as Error).message).toContain(`moved from ${first.digest} to ${moved}`);
    expect(await client.hasBlob('race/app-prod', contentDigest(new TextEncoder().encode('first')))).toBe(true);
    await expect(client.resolve('race/app-prod', 'v1')).rejects.toThrow(/does not exist/);
  });

  it('copies by digest between registries, verifying every blob it carries', async () => {
    const other = await startTestRegistry(inject('floeGoBin'));
    try {
      const source = parseOciReference(`oci://${registry.registry}/copy/app:v1`);
      const published = await publishArtifact(new RegistryClient(registry.registry), source, artifact('across registries'));
      const target = parseOciReference(`oci://${other.registry}/copy/app:v1`);
      const promoted = await promoteArtifact({ client: new RegistryClient(registry.registry), reference: source }, { client: new RegistryClient(other.registry), reference: target });
      expect(promoted).toMatchObject({ digest: published.digest, mounted: 0, copied: 2, present: 0 });

      const corrupt = parseOciReference(`oci://${registry.registry}/copy/corrupt:v1`);
      const layer = 'this layer will be tampered with';
      await publishArtifact(new RegistryClient(registry.registry), corrupt, artifact(layer));
      writeFileSync(registry.blobFile(contentDigest(new TextEncoder().encode(layer))), layer.replace('this', 'THIS'));
      const failure = promoteArtifact({ client: new RegistryClient(registry.registry), reference: corrupt }, { client: new RegistryClient(other.registry), reference: parseOciReference(`oci://${other.registry}/copy/corrupt:v1`) });
      await expect(failure).rejects.toBeInstanceOf(DigestMismatchError);
      await expect(new RegistryClient(other.registry).resolve('copy/corrupt', 'v1')).rejects.toThrow(/does not exist/);
    } finally {
      await other.stop();
    }
  });
});
