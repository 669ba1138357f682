import { rmSync } from 'node:fs';
import { type ApiError, SesClient } from '@ses-cli/sdk';
import { afterEach, expect, it } from 'vitest';
import { createLocalBackend, type LocalBackend } from '../../src/index.js';
import { tempDir } from './storage.js';

let backend: LocalBackend | undefined;
let dir: string | undefined;
afterEach(async () => {
  await backend?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
};

it('refuses hostile TemplateData with the field named, stores addresses with CR/LF as invalid, and keeps serving', async () => {
  dir = tempDir('hostile');
  backend = createLocalBackend({ dataDir: dir });
  const ses = new SesClient({ backend, maxRetries: 0 });
  const ReceiverId = (await ses.invoke('CreateReceiver', { ReceiversName: 'hostile' })).ReceiverId ?? 0;
  // Straight to the engine: the SDK client would refuse some of these before sending.
  const upload = (Datas: { Email: string; TemplateData: string }[]) =>
    (backend as LocalBackend)
      .invoke({
        action: 'CreateReceiverDetailWithData',
        payload: { ReceiverId, Datas },
        region: '',
        attempt: 0,
      })
      .then((r) => r.payload);
  const ok = (i: number) => ({ Email: `ok${i}@example.com`, TemplateData: '{"name":"x"}' });

  const cases: [string, string, RegExp][] = [
    [
      '{"name":"<script>alert(1)</script>"}',
      'InvalidParameterValue.InValidTemplateData',
      /Datas\.2\.TemplateData/,
    ],
    [
      '{"name":"\\u003cimg src=x onerror=alert(1)>"}',
      'InvalidParameterValue.InValidTemplateData',
      /Datas\.2/,
    ],
    [`{"name":${'['.repeat(300)}${']'.repeat(300)}}`, 'InvalidParameterValue.TemplateDataError', /Datas\.2/],
    [
      `{"name":"${'x'.repeat(5000)}"}`,
      'InvalidParameterValue.TemplateDataLenLimit',
      /Datas\.2\.TemplateData/,
    ],
    [
      `{"a":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
      'InvalidParameterValue.TemplateDataLenLimit',
      /Datas\.2/,
    ],
    ['{"name":"x"', 'InvalidParameterValue.TemplateDataError', /Datas\.2\.TemplateData/],
    ['["name"]', 'InvalidParameterValue.TemplateDataError', /Datas\.2\.TemplateData/],
    ['{"nick":"x"}', 'InvalidParameterValue.TemplateDataInconsistent', /Datas\.2\.TemplateData/],
  ];
  for (const [TemplateData, code, field] of cases) {
    const error = await failure(upload([ok(0), ok(1), { Email: 'evil@example.com', TemplateData }]));
    expect(error.code, TemplateData.slice(0, 40)).toBe(code);
    expect(error.message).toMatch(field);
  }

  // Template syntax in values is data, stored verbatim (rendering never re-evaluates it).
  const counts = await upload([
    { Email: 'curly@example.com', TemplateData: '{"name":"{{name}} {{#each}}"}' },
    { Email: 'a@example.com\r\nBcc: victim@example.org', TemplateData: '{"name":"crlf"}' },
    { Email: 'b@example.com\u0000', TemplateData: '{"name":"nul"}' },
    { Email: '\ud800@example.com', TemplateData: '{"name":"lone surrogate"}' },
  ]);
  expect(counts).toMatchObject({ TotalCount: 4, ValidCount: 1 });
  await backend.runDue();
  const details = await ses.invoke('ListReceiverDetails', { ReceiverId, Offset: 0, Limit: 10 });
  expect(details.Data?.map((d) => [d.TemplateData, d.Status])).toEqual([
    ['{"name":"{{name}} {{#each}}"}', 1],
    ['{"name":"crlf"}', 2],
    ['{"name":"nul"}', 2],
    ['{"name":"lone surrogate"}', 2],
  ]);
  expect(details.Data?.[1]?.Email).toBe('a@example.com\r\nBcc: victim@example.org');
});
