import { writeFile } from 'node:fs/promises';

/**
 * Writes the termination message. Failing to write it (no such path outside
 * a pod) must not change the step's exit code, so the error is returned for
 * logging, not thrown.
 */
export async function writeTerminationMessage(path: string, json: string): Promise<Error | undefined> {
  try {
    await writeFile(path, json);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
