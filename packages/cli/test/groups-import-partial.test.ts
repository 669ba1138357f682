import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function csvOf(rows: number, prefix: string): string {
  const path = join(tmp.dir, `${prefix}-${rows}.csv`);
  const lines = ['email', ...Array.from({ length: rows }, (_, i) => `${prefix}${i}@example.com`)];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('groups import and the 50,000-recipient limit of a group', () => {
  it('refuses, before uploading anything, a file the group has no room for (exit 2 naming the rule)', async () => {
    const file = csvOf(30_000, 'p');
    const first = await runInProcess(
      ['groups', 'import', 'big', file, '--create', '--wait', '--json'],
      tmp.dir,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 30_000, uploaded: 30_000 });

    const again = await runInProcess(['groups', 'import', 'big', file], tmp.dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /group "big" \(\d+\) holds 30000 recipient\(s\); 30000 more from .* would make 60000, over the limit of 50000 per group; nothing uploaded/,
    );
    const show = await runInProcess(['groups', 'show', 'big', '--json', '--limit', '1'], tmp.dir);
    expect(JSON.parse(show.stdout)).toMatchObject({ group: { count: 30_000 }, total: 30_000 });
  }, 180_000);
});

/** A stand-in for the Tencent Cloud endpoint: answers each action with `answer` (JSON body). */
interface Fake {
  url: string;
  calls: string[];
  server: Server;
}

async function fakeService(
  answer: (action: string, payload: Record<string, unknown>, req: IncomingMessage) => unknown,
): Promise<Fake> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', async () => {
      const action = String(req.headers['x-tc-action']);
      calls.push(action);
      const result = await answer(action, JSON.parse(body || '{}') as Record<string, unknown>, req);
      if (result === undefined) return; // never answered: the request hangs until aborted
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Response: { ...(result as object), RequestId: `req-${calls.length}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, server };
}

const GROUP = {
  ReceiverId: 7,
  ReceiversName: 'list',
  Count: 0,
  ReceiversStatus: 3,
  Desc: '',
  CreateTime: '',
};
const ACCEPTED = (n: number) => ({
  TotalCount: n,
  ValidCount: n,
  TooLongCount: 0,
  EmptyEmailCount: 0,
  RepeatCount: 0,
});

function remoteImport(url: string, file: string, extra: string[] = [], signal?: AbortSignal) {
  return runInProcess(
    ['groups', 'import', 'list', file, '--backend', 'tencent', '--endpoint', url, ...extra],
    tmp.dir,
    {
      env: { TENCENTCLOUD_SECRET_ID: 'AKIDtest', TENCENTCLOUD_SECRET_KEY: 'secret' },
      ...(signal ? { signal } : {}),
    },
  );
}

describe('groups import stopped after some chunks went in', () => {
  let fake: Fake | undefined;
  afterEach(() => fake?.server.closeAllConnections());
  afterEach(() => new Promise<void>((resolve) => (fake ? fake.server.close(() => resolve()) : resolve())));

  const failSecond = () =>
    fakeService((action, payload) => {
      if (action === 'ListReceivers') return { TotalCount: 1, Data: [GROUP] };
      const emails = payload.Emails as string[];
      if (emails[0] === 'q20000@example.com') {
        return {
          Error: {
            Code: 'LimitExceeded.ReceiverDetailCountLimit',
            Message: 'The recipient group would hold 60000 addresses; the limit is 50000.',
          },
        };
      }
      return ACCEPTED(emails.length);
    });

  it('exits 4 with the counts uploaded so far and the line to resume from (human)', async () => {
    fake = await failSecond();
    const result = await remoteImport(fake.url, csvOf(30_000, 'q'));
    expect(result.code, result.stderr).toBe(4);
    expect(fake.calls.filter((a) => a === 'CreateReceiverDetail')).toHaveLength(2);
    expect(result.stdout).toMatch(/uploaded\s+20000/);
    expect(result.stdout).toMatch(/notSent\s+10000/);
    expect(result.stderr).toContain(
      'LimitExceeded.ReceiverDetailCountLimit: The recipient group would hold 60000 addresses; the limit is 50000. (request req-4). 20000 of 30000 row(s) were uploaded, 10000 were not; import the rows from line 20002 on to finish',
    );
  }, 60_000);

  it('exits 4 with one JSON document of the counts on stdout (--json)', async () => {
    fake = await failSecond();
    const result = await remoteImport(fake.url, csvOf(30_000, 'q'), ['--json']);
    expect(result.code, result.stderr).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual({
      group: 7,
      name: 'list',
      rows: 30_000,
      uploaded: 20_000,
      tooLong: 0,
      empty: 0,
      repeated: 0,
      sent: 20_000,
      notSent: 10_000,
      resumeAtLine: 20_002,
      upload: 'failed',
      error: {
        code: 'LimitExceeded.ReceiverDetailCountLimit',
        message: expect.stringContaining('the limit is 50000'),
      },
    });
    expect(JSON.parse(result.stderr).error).toMatchObject({ type: 'PartialFailureError' });
  }, 60_000);

  it('a first chunk refused is a plain failure: nothing went in (exit 1)', async () => {
    fake = await fakeService((action) =>
      action === 'ListReceivers'
        ? { TotalCount: 1, Data: [GROUP] }
        : { Error: { Code: 'FailedOperation', Message: 'no' } },
    );
    const result = await remoteImport(fake.url, csvOf(5, 'r'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  }, 60_000);

  it('Ctrl-C while a later chunk is on its way exits 4 with the counts so far', async () => {
    const controller = new AbortController();
    fake = await fakeService((action, payload) => {
      if (action === 'ListReceivers') return { TotalCount: 1, Data: [GROUP] };
      const emails = payload.Emails as string[];
      if (emails[0] === 's20000@example.com') {
        setImmediate(() => controller.abort());
        return undefined;
      }
      return ACCEPTED(emails.length);
    });
    const result = await remoteImport(fake.url, csvOf(30_000, 's'), ['--json'], controller.signal);
    expect(result.code, result.stderr).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({
      uploaded: 20_000,
      sent: 20_000,
      notSent: 10_000,
      resumeAtLine: 20_002,
      upload: 'interrupted',
      lastChunk: expect.stringContaining('unknown'),
      error: null,
    });
  }, 60_000);

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])(
    'the resume line is where the first unsent row STARTS when it spans two lines (%s)',
    async (_name, nl) => {
      // Line 1 the header; row 5 (lines 7-8) and row 20000, the first of the second chunk, each have a
      // quoted note over two lines: rows 0-19999 are lines 2-20002, row 20000 starts on line 20003.
      const rows = Array.from({ length: 30_000 }, (_, i) =>
        i === 5 || i === 20_000 ? `m${i}@example.com,"two${nl}lines"` : `m${i}@example.com,one`,
      );
      const file = join(tmp.dir, `multiline-${_name}.csv`);
      writeFileSync(file, `email,note${nl}${rows.join(nl)}${nl}`);
      fake = await fakeService((action, payload) => {
        if (action === 'ListReceivers') return { TotalCount: 1, Data: [GROUP] };
        const datas = payload.Datas as { Email: string; TemplateData: string }[];
        if (datas[0]?.Email === 'm20000@example.com') {
          return { Error: { Code: 'LimitExceeded.ReceiverDetailCountLimit', Message: 'full' } };
        }
        return ACCEPTED(datas.length);
      });
      const result = await remoteImport(fake.url, file, ['--json']);
      expect(result.code, result.stderr).toBe(4);
      expect(JSON.parse(result.stdout)).toMatchObject({
        uploaded: 20_000,
        notSent: 10_000,
        resumeAtLine: 20_003,
      });
      // `tail -n +20003` (after the header) is exactly the rows not sent.
      const lines = `email,note${nl}${rows.join(nl)}`.split('\n');
      expect(lines[20_003 - 1]).toBe(`m20000@example.com,"two${nl === '\n' ? '' : '\r'}`);
    },
    60_000,
  );
});
