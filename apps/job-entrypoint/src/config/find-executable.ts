import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The path of executable `name`: in `binDir` when given (FLOE_PYTHON_BIN_DIR),
 * else the first match on `pathEnv`. Undefined when there is none, so the
 * caller can report a configuration error instead of a spawn ENOENT.
 */
export function findExecutable(name: string, binDir: string | undefined, pathEnv: string | undefined): string | undefined {
  const dirs = binDir ? [binDir] : (pathEnv ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}
