import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesClient } from '../../src/client.js';
import { HttpBackend } from '../../src/http/http-backend.js';
import { actionNames, operations } from '../../src/operations/index.js';
import { samplePayloads } from './sample-payloads.js';
import { startTc3Server, TEST_CREDENTIALS, type TestServer } from './tc3-server.js';

let server: TestServer;
let client: SesClient;

beforeAll(async () => {
  // Echo the action back inside a canned Response so each answer is tied to its request.
  server = await startTc3Server((seen, index) => ({
    json: { Response: { Echo: seen.action, Seen: index, RequestId: `rt-${index}` } },
  }));
  client = new SesClient({
    backend: new HttpBackend({ endpoint: server.url, credentials: TEST_CREDENTIALS, language: 'en-US' }),
    region: 'ap-hongkong',
    env: {},
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

describe('every action round-trips through SesClient → HttpBackend → a TC3-verifying server', () => {
  it('covers the whole operation table', () => {
    expect(actionNames).toHaveLength(36);
    expect(Object.keys(samplePayloads).sort()).toEqual([...actionNames].sort());
  });

  it.each(actionNames.map((action) => [action]))('%s', async (action) => {
    const before = server.requests.length;
    const result = (await client.invoke(action, samplePayloads[action] as never)) as Record<string, unknown>;
    expect(server.requests).toHaveLength(before + 1);
    const seen = server.requests[before];
    expect(seen?.authError).toBeNull();
    expect(seen?.headers).toMatchObject({
      'x-tc-action': action,
      'x-tc-version': '2020-10-02',
      'x-tc-region': 'ap-hongkong',
      'x-tc-language': 'en-US',
      'content-type': 'application/json',
    });
    expect(seen?.headers['x-tc-token']).toBeUndefined();
    // The body is the validated wire payload, serialised once and signed exactly as sent.
    const validated = operations[action].input.parse(samplePayloads[action]);
    expect(JSON.parse(seen?.body ?? '')).toEqual(validated);
    expect(result).toMatchObject({ Echo: action, Seen: before, RequestId: `rt-${before}` });
  });
});
