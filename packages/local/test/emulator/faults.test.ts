import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS, FaultInjector, type RunningEmulator, startEmulator } from '@ses-cli/local';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultMap } from '../../src/emulator/faults.js';
import { getJson } from './fixtures.js';
import { signedCall } from './signed-fetch.js';

let emulator: RunningEmulator;
let dataDir: string;
let faultsUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ses-emulator-faults-'));
  emulator = await startEmulator({
    port: 0,
    dataDir,
    rateLimits: false,
    schedulerIntervalMs: 0,
    faults: { GetEmailTemplate: { kind: 'internal-error' } },
  });
  faultsUrl = `${emulator.url}/_emulator/faults`;
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  expect((await fetch(faultsUrl, { method: 'DELETE' })).status).toBe(200);
});

const list = () =>
  signedCall(emulator.url, 'ListEmailTemplates', '{"Limit":1,"Offset":0}', DEFAULT_LOCAL_KEYS);
const post = (body: unknown) =>
  getJson<{ faults?: unknown; error?: string }>(faultsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** The outcome of a raw call: its error code, `ok`, or how the transport failed. */
async function outcome(): Promise<string> {
  try {
    const { status, envelope } = await list();
    if (status !== 200) return `http ${status}`;
    return envelope.Response.Error?.Code ?? 'ok';
  } catch (error) {
    return `transport ${String((error as Error & { cause?: { code?: string } }).cause?.code ?? 'error')}`;
  }
}

describe('fault injection in the emulator', () => {
  it('is off by default and set per action through startEmulator', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'ses-emulator-faults-'));
    const configured = await startEmulator({
      port: 0,
      dataDir: fresh,
      rateLimits: false,
      schedulerIntervalMs: 0,
      faults: { GetEmailTemplate: { kind: 'internal-error' } },
    });
    try {
      const other = await signedCall(
        configured.url,
        'ListEmailTemplates',
        '{"Limit":1,"Offset":0}',
        DEFAULT_LOCAL_KEYS,
      );
      expect(other.envelope.Response.Error).toBeUndefined();
      const hit = await signedCall(
        configured.url,
        'GetEmailTemplate',
        '{"TemplateID":1}',
        DEFAULT_LOCAL_KEYS,
      );
      expect(hit.envelope.Response.Error?.Code).toBe('InternalError');
      expect(configured.faults.stats()).toEqual({
        calls: { ListEmailTemplates: 1, GetEmailTemplate: 1 },
        injected: { 'GetEmailTemplate:internal-error': 1 },
      });
    } finally {
      await configured.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('sets, lists and clears faults over HTTP, and refuses an invalid fault map naming the field', async () => {
    expect((await post({ ListEmailTemplates: { kind: 'rate-limit', times: 1 } })).status).toBe(200);
    const listed = await getJson<{ faults: Record<string, unknown[]> }>(faultsUrl);
    expect(listed.body.faults).toEqual({ ListEmailTemplates: [{ kind: 'rate-limit', times: 1 }] });
    expect(await outcome()).toBe('RequestLimitExceeded');
    expect(await outcome()).toBe('ok');
    // An expired burst is gone from the list.
    expect((await getJson<{ faults: object }>(faultsUrl)).body.faults).toEqual({});

    const bad = await post({ SendEmail: { kind: 'explode' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('SendEmail.kind');
    expect((await post({ SendEmail: [{ kind: 'latency', delayMs: -1 }] })).body.error).toContain(
      'SendEmail.0.delayMs',
    );
    expect((await post({ SendEmail: { kind: 'latency', colour: 'red' } })).body.error).toContain('colour');
    const notJson = await getJson<{ error: string }>(faultsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson).toEqual({ status: 400, body: { error: 'body is not JSON' } });

    await post({ '*': { kind: 'internal-error' }, ListEmailAddress: { kind: 'rate-limit' } });
    await getJson(`${faultsUrl}?action=ListEmailAddress`, { method: 'DELETE' });
    expect((await getJson<{ faults: object }>(faultsUrl)).body.faults).toEqual({
      '*': [{ kind: 'internal-error' }],
    });
  });

  it.each([
    ['reset-before', 'transport ECONNRESET'],
    ['reset-after', 'transport ECONNRESET'],
    ['internal-error', 'InternalError'],
    ['rate-limit', 'RequestLimitExceeded'],
  ] as const)('%s answers %s', async (kind, expected) => {
    await post({ ListEmailTemplates: { kind } });
    expect(await outcome()).toBe(expected);
    await fetch(faultsUrl, { method: 'DELETE' });
    expect(await outcome()).toBe('ok');
  });

  it('http-5xx answers the status with an HTML body, as a proxy would', async () => {
    await post({ ListEmailTemplates: { kind: 'http-5xx', status: 504 } });
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'x-tc-action': 'ListEmailTemplates' },
    });
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('504');
  });

  it('truncated-json and malformed-json mangle the real answer', async () => {
    const raw = async () =>
      (
        await fetch(emulator.url, { method: 'POST', headers: { 'x-tc-action': 'ListEmailTemplates' } })
      ).text();
    const whole = await raw();
    expect(() => JSON.parse(whole)).not.toThrow();
    await post({ ListEmailTemplates: { kind: 'truncated-json', times: 1 } });
    const truncated = await raw();
    expect(() => JSON.parse(truncated)).toThrow();
    expect(whole.startsWith(truncated.slice(0, 20))).toBe(true);
    await post({ ListEmailTemplates: { kind: 'malformed-json', times: 1 } });
    const malformed = await raw();
    expect(() => JSON.parse(malformed)).toThrow();
    expect(malformed).toContain("'Response'");
  });

  it('reset-after has taken effect; reset-before has not', async () => {
    const create = (name: string) =>
      signedCall(
        emulator.url,
        'CreateReceiver',
        JSON.stringify({ ReceiversName: name }),
        DEFAULT_LOCAL_KEYS,
      ).catch(() => undefined);
    await post({ CreateReceiver: { kind: 'reset-before' } });
    await create('before');
    await post({ CreateReceiver: { kind: 'reset-after' } });
    await create('after');
    const groups = await emulator.backend.invoke({
      action: 'ListReceivers',
      payload: { Offset: 0, Limit: 100 },
      region: 'ap-guangzhou',
      attempt: 0,
    });
    const names = (groups.payload.Data as { ReceiversName: string }[]).map((g) => g.ReceiversName);
    expect(names).toContain('after');
    expect(names).not.toContain('before');
  });

  it('skip, times and the "*" fallback are exact; an action rule overrides "*"', async () => {
    await post({
      '*': { kind: 'internal-error', skip: 1, times: 2 },
      ListEmailAddress: { kind: 'rate-limit' },
    });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await outcome());
    expect(codes).toEqual(['ok', 'InternalError', 'InternalError', 'ok']);
    const address = await signedCall(emulator.url, 'ListEmailAddress', '{}', DEFAULT_LOCAL_KEYS);
    expect(address.envelope.Response.Error?.Code).toBe('RequestLimitExceeded');
  });

  it('latency delays the answer and combines with a failure', async () => {
    await post({ ListEmailTemplates: [{ kind: 'latency', delayMs: 150 }, { kind: 'internal-error' }] });
    const started = performance.now();
    expect(await outcome()).toBe('InternalError');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });
});

describe('FaultInjector probabilities', () => {
  const pattern = (seed: number) => {
    const injector = new FaultInjector({ SendEmail: { kind: 'reset-after', probability: 0.3, seed } });
    return Array.from({ length: 200 }, () => (injector.decide('SendEmail').failure ? 1 : 0)).join('');
  };

  it('are reproducible from the seed and roughly the probability asked', () => {
    expect(pattern(42)).toBe(pattern(42));
    expect(pattern(42)).not.toBe(pattern(43));
    const hits = [...pattern(42)].filter((c) => c === '1').length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });
});

describe('call counters', () => {
  it('count SES actions by name and everything else under one "(other)" key', () => {
    const injector = new FaultInjector({ '*': { kind: 'internal-error' } });
    for (const action of [
      'SendEmail',
      'constructor',
      'toString',
      '__proto__',
      'hasOwnProperty',
      'NoSuchThing',
      '',
    ])
      injector.decide(action);
    injector.decide('SendEmail');
    expect(injector.stats()).toEqual({
      calls: { SendEmail: 2, '(other)': 6 },
      injected: { 'SendEmail:internal-error': 2, '(other):internal-error': 6 },
    });
    expect(Object.getPrototypeOf(injector.stats().calls)).toBe(Object.prototype);
  });

  it('over HTTP: unknown actions, even Object.prototype names, add no entries of their own', async () => {
    for (const action of ['constructor', 'toString', 'valueOf', 'junk-1', 'junk-2']) {
      const { envelope } = await signedCall(emulator.url, action, '{}', DEFAULT_LOCAL_KEYS);
      expect(envelope.Response.Error?.Code).toBe('InvalidAction');
    }
    await list();
    expect((await getJson<{ calls: object }>(faultsUrl)).body.calls).toEqual({
      '(other)': 5,
      ListEmailTemplates: 1,
    });
  });

  it('parseFaultMap keeps an action named __proto__ as a key', () => {
    const map = parseFaultMap(JSON.parse('{"__proto__":{"kind":"reset-before"}}'));
    expect(Object.keys(map)).toEqual(['__proto__']);
  });
});

describe('closing during injected latency', () => {
  it('drops the delayed call instead of processing it after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ses-emulator-faults-'));
    const slow = await startEmulator({
      port: 0,
      dataDir: dir,
      rateLimits: false,
      schedulerIntervalMs: 0,
      faults: { CreateReceiver: { kind: 'latency', delayMs: 10_000 } },
    });
    const pending = signedCall(slow.url, 'CreateReceiver', '{"ReceiversName":"late"}', DEFAULT_LOCAL_KEYS);
    pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await slow.close();
    await expect(pending).rejects.toThrow();
    rmSync(dir, { recursive: true, force: true });
  });
});
