import { mkdirSync } from 'node:fs';
import { CliConfigError } from '../errors.js';

/**
 * Creates the local backend's data directory if needed. A path that cannot be a directory (a file is
 * in the way, no permission, read-only disk) is a configuration error naming where the path came
 * from (`origin`: `--data-dir`, `SES_CLI_DATA_DIR`, a profile). @throws {CliConfigError}
 */
export function ensureDataDir(dir: string, origin: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file is in the way (it must be a directory)'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : (error as Error).message;
    throw new CliConfigError(`${origin}: cannot use "${dir}" as the data directory: ${why}`);
  }
}
