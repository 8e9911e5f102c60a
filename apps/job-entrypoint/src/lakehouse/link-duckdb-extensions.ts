import { lstat, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Points `$HOME/.duckdb/extensions` (where a DuckDB connection without an
 * `extension_directory` setting looks, e.g. dlt's own) at the packaged
 * extension files, so no connection of the step ever tries to download one.
 * Leaves an existing path alone; HOME is the pod's writable /tmp.
 */
export async function linkDuckdbExtensions(home: string | undefined, extensionDir: string | undefined): Promise<void> {
  if (!home || !extensionDir) return;
  const link = join(home, '.duckdb', 'extensions');
  const existing = await lstat(link).catch(() => undefined);
  if (existing) return;
  await mkdir(join(home, '.duckdb'), { recursive: true });
  await symlink(extensionDir, link);
}
