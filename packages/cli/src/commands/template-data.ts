import type { CommandInput } from '../define-command.js';
import { UsageError } from '../errors.js';
import { parsePairs, readJsonObject } from '../parse/values.js';

/**
 * Largest `--data-file`: the service takes messages of at most 4 MB, so template data beyond that
 * can never be sent; refusing it from its size keeps a mistaken 50 MB file from being parsed.
 */
export const MAX_DATA_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Template variables from `--data-file` (a JSON object) overlaid with `--data key=value` pairs.
 * Values must be strings or numbers (the service's TemplateData is flat key → string).
 */
export async function templateDataOf(input: CommandInput): Promise<Record<string, string>> {
  const data: Record<string, string> = {};
  const file = input.opts.dataFile;
  if (typeof file === 'string') {
    const json = await readJsonObject(file, '--data-file', MAX_DATA_FILE_BYTES);
    for (const [key, value] of Object.entries(json)) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new UsageError(`--data-file: "${key}" must be a string or a number`);
      }
      data[key] = String(value);
    }
  }
  return { ...data, ...parsePairs(input.opts.data, '--data') };
}
