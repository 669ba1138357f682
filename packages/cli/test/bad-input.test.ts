import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
const run = (argv: string[]) => runInProcess(argv, tmp.dir);

beforeAll(async () => {
  writeFileSync(join(tmp.dir, 't.txt'), 'Hi {{name}}');
  writeFileSync(join(tmp.dir, 'bad.json'), '{ not json');
  writeFileSync(
    join(tmp.dir, 'bad.csv'),
    'email,name\nok@example.com,Ana\nnot-an-address,Bo\nfine@example.com,<b>Cy</b>\n',
  );
  writeFileSync(join(tmp.dir, 'bad.jsonl'), '{"email":"a@example.com","name":"A"}\nnope\n');
  expect((await run(['identities', 'create', 'mail.example.com'])).code).toBe(0);
  expect((await run(['senders', 'create', 'a@mail.example.com'])).code).toBe(0);
  expect((await run(['templates', 'create', '--name', 't', '--text', join(tmp.dir, 't.txt')])).code).toBe(0);
  expect((await run(['groups', 'create', 'g'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

/** Every case: exit 2, one error line naming the problem, nothing on stdout. */
const cases: [string, string[], RegExp][] = [
  ['unknown flag', ['templates', 'list', '--bogus'], /unknown option '--bogus'/],
  ['unknown command', ['templats'], /unknown command 'templats'/],
  [
    'malformed --at',
    [
      'batch',
      '--from',
      'a@mail.example.com',
      '--group',
      'g',
      '--template',
      't',
      '--subject',
      's',
      '--at',
      'tomorrow-ish',
    ],
    /--at: "tomorrow-ish" is not a time/,
  ],
  ['malformed date', ['stats', '--from', '2024-02-30'], /--from: "2024-02-30" is not a date/],
  ['malformed duration', ['local', 'clock', 'advance', '3 days'], /duration: "3 days" is not a duration/],
  [
    'bad CSV rows',
    ['groups', 'import', 'g', join(tmp.dir, 'bad.csv')],
    /2 invalid row\(s\), nothing uploaded: line 3: "not-an-address" is not a valid email address; line 4: "name" contains HTML/,
  ],
  ['bad JSONL line', ['groups', 'import', 'g', join(tmp.dir, 'bad.jsonl')], /line 2: not valid JSON/],
  ['missing file', ['groups', 'import', 'g', join(tmp.dir, 'nope.csv')], /nope\.csv: no such file/],
  [
    'invalid JSON data',
    [
      'send',
      '--from',
      'a@mail.example.com',
      '--to',
      'b@example.com',
      '--subject',
      's',
      '--template',
      't',
      '--data-file',
      join(tmp.dir, 'bad.json'),
    ],
    /--data-file: ".*bad\.json" is not valid JSON/,
  ],
  [
    'bad --data pair',
    [
      'send',
      '--from',
      'a@mail.example.com',
      '--to',
      'b@example.com',
      '--subject',
      's',
      '--template',
      't',
      '--data',
      'novalue',
    ],
    /--data: "novalue" is not key=value/,
  ],
  [
    'missing attachment',
    [
      'send',
      '--from',
      'a@mail.example.com',
      '--to',
      'b@example.com',
      '--subject',
      's',
      '--template',
      't',
      '--attach',
      'missing.pdf',
    ],
    /--attach: cannot read "missing.pdf" \(no such file\)/,
  ],
  [
    'invalid address (client-side validation)',
    ['send', '--from', 'a@mail.example.com', '--to', 'not-an-address', '--subject', 's', '--template', 't'],
    // The flag the user typed, not the wire field (Destination.0).
    /--to \(value 1\): must be a valid email address/,
  ],
  ['bad choice', ['tasks', 'list', '--status', 'running'], /argument 'running' is invalid/],
  ['bad number', ['templates', 'list', '--limit', '500'], /--limit: must be between 1 and 100/],
];

describe('bad input', () => {
  it.each(cases)('%s → exit 2, one line, nothing sent', async (_name, argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // The backend banner (a human note on stderr) may precede the error line.
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('ses-cli → '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('nothing was sent or uploaded by the failed commands', async () => {
    const status = await runInProcess(['groups', 'show', 'g', '--json'], tmp.dir);
    expect(JSON.parse(status.stdout).total).toBe(0);
    const messages = await runInProcess(['local', 'messages', '--json'], tmp.dir);
    expect(JSON.parse(messages.stdout).total).toBe(0);
  });

  it('prints the error as one JSON document on stderr with --json', async () => {
    const result = await run(['stats', '--from', 'yesterday', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        type: 'UsageError',
        code: null,
        message: '--from: "yesterday" is not a date (use YYYY-MM-DD)',
        requestId: null,
      },
    });
  });

  it('maps an API refusal to exit 1 with its code and request id', async () => {
    const result = await run(['senders', 'create', 'x@unknown-domain.example', '--json']);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stderr) as { error: { code: string; requestId: string } };
    expect(doc.error.code).toMatch(/^(OperationDenied|InvalidParameterValue)\./);
    expect(doc.error.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('reports a malformed config file as a configuration error (exit 3)', async () => {
    const dir = join(tmp.dir, 'broken');
    const result = await runInProcess(['templates', 'list'], tmp.dir, {
      env: { SES_CLI_CONFIG: join(tmp.dir, 'bad.json'), SES_CLI_DATA_DIR: dir },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/invalid JSON/);
    // A directory where the file should be is a mistake too, not "no settings".
    const asDir = await runInProcess(['templates', 'list'], tmp.dir, {
      env: { SES_CLI_CONFIG: tmp.dir, SES_CLI_DATA_DIR: dir },
    });
    expect(asDir.code).toBe(3);
    expect(asDir.stderr).toContain('cannot be read');
  });
});
