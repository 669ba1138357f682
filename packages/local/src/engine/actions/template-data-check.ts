/** Markup opener: `<` followed by a letter, `/`, `!` or `?` (a bare `a < b` is text). */
const HTML_MARKUP = /<[A-Za-z/!?]/;

/**
 * A JSON string without `<`, control characters or `\u` escapes (so no markup can hide in it), or a
 * JSON number without an exponent and of at most 16 integer digits, so certainly finite (`1e400`
 * is JSON, but parses to Infinity: such rows take the full parse, which refuses it).
 */
const PLAIN_VALUE = String.raw`(?:"(?:[^"\\<\u0000-\u001f]|\\["\\/bfnrt])*"|-?(?:0|[1-9]\d{0,15})(?:\.\d+)?)`;

/** Why a call's `TemplateData` set is refused: the service's code, the row, and a message. */
export interface TemplateDataProblem {
  readonly code: string;
  readonly index: number;
  readonly message: string;
}

/** The variable names of a call's rows (in the first row's order), or the first problem found. */
export type TemplateDataVerdict =
  | { readonly ok: true; readonly keys: readonly string[] }
  | { readonly ok: false; readonly problem: TemplateDataProblem };

/**
 * A regular expression that matches exactly the compact JSON objects with `keys` in this order and
 * plain values (see {@link PLAIN_VALUE}). A match proves what a full parse would check, at a
 * fraction of the cost; anything else takes the full path.
 */
function shapeOf(keys: readonly string[]): RegExp {
  const fields = keys.map(
    (key) => `${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${PLAIN_VALUE}`,
  );
  return new RegExp(`^\\{${fields.join(',')}\\}$`);
}

const sortedSignature = (keys: readonly string[]) => [...keys].sort().join('\u0000');

/**
 * Checks the `TemplateData` of one `CreateReceiverDetailWithData` call. The operation schema has
 * already checked each one is a JSON object of ≤ 800 bytes; this adds the service's other rules:
 * flat (string or number values), no HTML in values (`InValidTemplateData`), and the same variable
 * names in every row and as the group's first upload (`TemplateDataInconsistent`, order free).
 *
 * Rows nearly always share one serialisation shape, so each row is first matched against a regular
 * expression built from the first row's keys; only rows that miss it are parsed.
 */
export function checkTemplateDataSet(
  texts: readonly string[],
  groupKeys: readonly string[] | undefined,
): TemplateDataVerdict {
  let keys: readonly string[] | undefined = groupKeys;
  let expected = groupKeys ? sortedSignature(groupKeys) : undefined;
  let shape: RegExp | undefined;
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index] ?? '';
    if (shape?.test(text)) continue;
    const parsed = parseFlat(text, index);
    if (!parsed.ok) return parsed;
    const signature = sortedSignature(parsed.keys);
    if (expected === undefined) {
      expected = signature;
      keys = parsed.keys;
    } else if (signature !== expected) {
      return {
        ok: false,
        problem: {
          code: 'InvalidParameterValue.TemplateDataInconsistent',
          index,
          message: `Datas.${index}.TemplateData has variables {${parsed.keys.join(', ')}}; the group uses {${(keys ?? []).join(', ')}}.`,
        },
      };
    }
    // Later rows serialised like this one skip the parse.
    shape ??= shapeOf(parsed.keys);
  }
  return { ok: true, keys: keys ?? [] };
}

/** Full check of one row: parsed, flat, without HTML. */
function parseFlat(text: string, index: number): TemplateDataVerdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      problem: {
        code: 'InvalidParameterValue.TemplateDataError',
        index,
        message: `Datas.${index}.TemplateData is not a JSON object.`,
      },
    };
  }
  const keys: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      return {
        ok: false,
        problem: {
          code: 'InvalidParameterValue.TemplateDataError',
          index,
          message: `Datas.${index}.TemplateData: the value of "${key}" must be a string or a finite number.`,
        },
      };
    }
    if (typeof value === 'string' && HTML_MARKUP.test(value)) {
      return {
        ok: false,
        problem: {
          code: 'InvalidParameterValue.InValidTemplateData',
          index,
          message: `Datas.${index}.TemplateData: the value of "${key}" contains HTML.`,
        },
      };
    }
    keys.push(key);
  }
  return { ok: true, keys };
}
