import { FloeError, isFloeError } from '@floe/errors';

/** What a file system error code means for the user. */
const meanings: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EACCES: 'is not accessible (permission denied)',
  EPERM: 'is not accessible (operation not permitted)',
  EROFS: 'is on a read-only file system',
  EEXIST: 'exists and is not a directory',
  ENOTDIR: 'has a part that is a file, not a directory',
  EISDIR: 'is a directory, not a file',
  ENOSPC: 'cannot be written: the disk is full',
  ELOOP: 'is a symbolic link loop',
  ENAMETOOLONG: 'is too long a name',
};

/** A file or directory the user named cannot be read or written: says which and why. */
export class FileAccessError extends FloeError {
  constructor(readonly path: string, readonly errno: string, cause: unknown) {
    super('FILE_ACCESS', `${path} ${meanings[errno] ?? `cannot be used (${errno})`}; check the path you gave`, { cause });
  }
}

/**
 * The error as one floe reports to the user, or undefined for a bug. Node's
 * file system errors on a path (the user's files: -o, -f, --compiled-dir)
 * become a FileAccessError; everything else that is not a FloeError is a bug.
 */
export function asUserError(error: unknown): FloeError | undefined {
  if (isFloeError(error)) return error;
  const errno = error as NodeJS.ErrnoException | undefined;
  if (errno instanceof Error && typeof errno.code === 'string' && typeof errno.path === 'string' && errno.code in meanings) {
    return new FileAccessError(errno.path, errno.code, error);
  }
  return undefined;
}
