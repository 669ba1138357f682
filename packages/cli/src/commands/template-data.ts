import type { CommandInput } from '../define-command.js';
import { UsageError } from '../errors.js';
import { parsePairs, readJsonObject } from '../parse/values.js';

/**
 * Template variables from `--data-file` (a JSON object) overlaid with `--data key=value` pairs.
 * Values must be strings or numbers (the service's TemplateData is flat key → string).
 */
export async function templateDataOf(input: CommandInput): Promise<Record<string, string>> {
  const data: Record<string, string> = {};
  const file = input.opts.dataFile;
  if (typeof file === 'string') {
    const json = await readJsonObject(file, '--data-file');
    for (const [key, value] of Object.entries(json)) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new UsageError(`--data-file: "${key}" must be a string or a number`);
      }
      data[key] = String(value);
    }
  }
  return { ...data, ...parsePairs(input.opts.data, '--data') };
}
