import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type ActionName, actionNames, operations } from './index.js';

// The official Node SDK's models are the oracle for field names. The installed version may lag the
// API: fields and actions documented after it are listed here, each with where it is documented.
const NEWER_THAN_OFFICIAL_SDK: Partial<Record<ActionName, readonly string[]>> = {
  // Reference §3.1 (SDK 4.1.313): switch old/new API behaviour and DKIM key option.
  UpdateEmailIdentity: ['NewAPI', 'DKIMOption'],
};
const ACTIONS_NEWER_THAN_OFFICIAL_SDK: readonly ActionName[] = ['GetAbuseReport'];
// Required in the SDK model, optional here by a documented rule.
const OPTIONAL_BY_RULE: Partial<Record<ActionName, readonly string[]>> = {
  // At least one of Destination/Cc/Bcc (checked by the schema as a whole).
  SendEmail: ['Destination'],
};

interface ModelRequest {
  readonly fields: Map<string, { readonly required: boolean }>;
}

/** Parses `export interface XxxRequest { … }` blocks (and `type XxxRequest = null`) of ses_models.d.ts. */
function readOfficialRequests(): Map<string, ModelRequest> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('tencentcloud-sdk-nodejs-ses/package.json'));
  const text = readFileSync(join(root, 'tencentcloud/services/ses/v20201002/ses_models.d.ts'), 'utf8');
  const requests = new Map<string, ModelRequest>();
  for (const m of text.matchAll(/export interface (\w+)Request \{([\s\S]*?)\n\}/g)) {
    const fields = new Map<string, { required: boolean }>();
    for (const f of (m[2] ?? '').matchAll(/^ {4}(\w+)(\??):/gm)) {
      fields.set(f[1] ?? '', { required: f[2] !== '?' });
    }
    requests.set(m[1] ?? '', { fields });
  }
  for (const m of text.matchAll(/export declare type (\w+)Request = null;/g)) {
    requests.set(m[1] ?? '', { fields: new Map() });
  }
  return requests;
}

const official = readOfficialRequests();

function shapeOf(action: ActionName): Record<string, z.ZodType> {
  return (operations[action].input as unknown as z.ZodObject).shape;
}

describe('field names against the official SDK models', () => {
  it('knows every action of the official SDK, and only documented extra ones', () => {
    expect(official.size).toBeGreaterThanOrEqual(35);
    for (const name of official.keys()) expect(actionNames).toContain(name);
    const extra = actionNames.filter((a) => !official.has(a));
    for (const name of extra) expect(ACTIONS_NEWER_THAN_OFFICIAL_SDK).toContain(name);
  });

  it.each(actionNames.filter((a) => official.has(a)))('%s has the same request fields', (action) => {
    const model = official.get(action);
    const mine = Object.keys(shapeOf(action)).sort();
    const theirs = [...(model?.fields.keys() ?? [])];
    const newer = NEWER_THAN_OFFICIAL_SDK[action] ?? [];
    expect(mine).toEqual([...new Set([...theirs, ...newer])].sort());
  });

  it.each(actionNames.filter((a) => official.has(a)))('%s requires what the SDK requires', (action) => {
    const shape = shapeOf(action);
    const exempt = OPTIONAL_BY_RULE[action] ?? [];
    for (const [field, { required }] of official.get(action)?.fields ?? []) {
      const optionalHere = shape[field]?.safeParse(undefined).success === true;
      expect({ field, required: !optionalHere }).toEqual({
        field,
        required: required && !exempt.includes(field),
      });
    }
  });
});
