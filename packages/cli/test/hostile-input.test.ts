import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
const run = (argv: string[], options?: Parameters<typeof runInProcess>[2]) =>
  runInProcess(argv, tmp.dir, options);
const file = (name: string, content: string | Buffer) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
};
let templateId = '';

beforeAll(async () => {
  file('t.txt', 'Hi {{name}} {{code}}');
  file('t.html', '<p>Hi {{name}}, your code is {{code}}</p>');
  expect((await run(['identities', 'create', 'mail.example.com'])).code).toBe(0);
  expect((await run(['senders', 'create', 'a@mail.example.com'])).code).toBe(0);
  const created = await run([
    'templates',
    'create',
    '--name',
    't',
    '--text',
    join(tmp.dir, 't.txt'),
    '--html',
    join(tmp.dir, 't.html'),
    '--json',
  ]);
  expect(created.code, created.stderr).toBe(0);
  templateId = String(JSON.parse(created.stdout).id);
  expect(templateId).toMatch(/^\d+$/);
  expect((await run(['groups', 'create', 'g'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

/** Exit 2, nothing on stdout, exactly one error line with no raw control characters in it. */
function expectRejected(result: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('ses-cli → '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
}

async function expectNothingSent() {
  const messages = await run(['local', 'messages', '--json']);
  expect(JSON.parse(messages.stdout).total).toBe(0);
  const group = await run(['groups', 'show', 'g', '--json']);
  expect(JSON.parse(group.stdout).total).toBe(0);
}

const send = (extra: string[]) => [
  'send',
  '--from',
  'a@mail.example.com',
  '--to',
  'b@example.com',
  '--subject',
  'Hello',
  '--template',
  templateId,
  ...extra,
];

/** A string with at least one character that would break or inject a header. */
const hostile = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\r\n', '\n', '\r', '\u0000', '\u001b', '\u0085', '\u2028', '\u000b'),
    fc.constantFrom('', 'Bcc: victim@example.com', 'Content-Type: text/html', '\r\n\r\n<script>x</script>'),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, injected, b]) => `${a}${bad}${injected}${b}`);

describe('header injection through flags', () => {
  it.each([
    ['--subject', (v: string) => ['--subject', v]],
    ['--from', (v: string) => ['--from', `${v} <a@mail.example.com>`]],
    ['--reply-to', (v: string) => ['--reply-to', `r${v}@example.com`]],
  ] as const)('%s with CR/LF or control characters → exit 2 naming the flag', async (flag, args) => {
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        // Both a real send and a dry run: the check comes before anything is sent or printed.
        for (const dry of [[], ['--dry-run']]) {
          const result = await run(send([...args(value), ...dry]));
          expectRejected(result, new RegExp(`^error: ${flag}: contains (a line break|a control character)`));
        }
      }),
      { numRuns: 15 },
    );
  });

  it('batch refuses the same in --subject and --from', async () => {
    const base = ['batch', '--group', 'g', '--template', templateId];
    expectRejected(
      await run([...base, '--from', 'a@mail.example.com', '--subject', 'Hi\r\nBcc: x@example.com']),
      /^error: --subject: contains a line break \(CR\/LF\) \(U\+000D\)/,
    );
    expectRejected(
      await run([...base, '--from', 'Evil\n <a@mail.example.com>', '--subject', 'Hi']),
      /^error: --from: contains a line break/,
    );
  });

  it('an attachment whose file name holds CR/LF is refused; quotes are passed on as data', async () => {
    const dir = join(tmp.dir, 'attach');
    mkdirSync(dir, { recursive: true });
    const evil = join(dir, 'report\r\nContent-Type: text-html; x=".pdf');
    writeFileSync(evil, 'data');
    expectRejected(
      await run(send(['--attach', evil])),
      /^error: --attach: file name "report\\u\{000d\}\\u\{000a\}Content-Type: text-html; x="\.pdf": contains a line break/,
    );
    const quoted = join(dir, 'say "hi"; name=x.txt');
    writeFileSync(quoted, 'data');
    const dry = await run(send(['--attach', quoted, '--dry-run', '--json']));
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).requests[0].payload.Attachments[0].FileName).toBe('say "hi"; name=x.txt');
    await expectNothingSent();
  });
});

describe('oversized input', () => {
  it('attachments over the service limit (4 MB in total) are refused before sending', async () => {
    const big = join(tmp.dir, 'big.bin');
    const fd = openSync(big, 'w');
    writeSync(fd, Buffer.alloc(1), 0, 1, 4 * 1024 * 1024); // a sparse 4 MB + 1 byte file
    closeSync(fd);
    expectRejected(
      await run(send(['--attach', big])),
      /^error: --attach: ".*big\.bin" brings the attachments to 4\.0 MB; the service takes at most 4\.0 MB in total/,
    );
    const many = Array.from({ length: 11 }, () => ['--attach', join(tmp.dir, 't.txt')]).flat();
    expectRejected(await run(send(many)), /^error: --attach: at most 10 attachments, got 11/);
    await expectNothingSent();
  });

  it('a 50 MB --data-file is refused from its size, without reading it', async () => {
    const huge = join(tmp.dir, 'huge.json');
    const fd = openSync(huge, 'w');
    writeSync(fd, Buffer.from('}'), 0, 1, 50 * 1024 * 1024 - 1);
    closeSync(fd);
    expectRejected(
      await run(send(['--data-file', huge])),
      /^error: --data-file: ".*huge\.json" is 50\.0 MB; at most 4\.0 MB is accepted/,
    );
  });

  it('deeply nested and non-flat JSON data is refused by name', async () => {
    const deep = file('deep.json', `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expectRejected(
      await run(send(['--data-file', deep])),
      /^error: --data-file: "name" must be a string or a number/,
    );
  });
});

describe('template data is data', () => {
  it('renders {{…}}, HTML and <script> in values literally: escaped in HTML, never re-expanded', async () => {
    const result = await run([
      'templates',
      'render',
      't',
      '--data',
      'name=<script>alert(1)</script>',
      '--data',
      'code={{name}} & "x"',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { html: string; text: string };
    expect(out.html).toBe(
      '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;, your code is {{name}} &amp; &quot;x&quot;</p>',
    );
    expect(out.text).toBe('Hi <script>alert(1)</script> {{name}} & "x"');
  });

  it('a recipient import refuses HTML in values (the service rejects it), naming the line', async () => {
    const csv = file(
      'script.csv',
      'email,name,code\nok@example.com,Ana,1\nx@example.com,<script>alert(1)</script>,2\n',
    );
    expectRejected(
      await run(['groups', 'import', 'g', csv]),
      /^error: .*script\.csv: 1 invalid row\(s\), nothing uploaded: line 3: "name" contains HTML/,
    );
    await expectNothingSent();
  });
});

describe('malformed and hostile import files', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['unbalanced quotes', 'email,name\na@example.com,"Ana\nb@example.com,Bo\n', /line \d+: Quote Not Closed/],
    [
      'wrong column count',
      'email,name\na@example.com,Ana\nb@example.com,Bo,extra\n',
      /line 3: Invalid Record Length/,
    ],
    ['missing email column', 'mail,name\na@example.com,Ana\n', /the header has no "email" column/],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('email,name\na@example.com,Ana\nb@example.com,B'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('o\n'),
      ]),
      /line 3: not valid UTF-8/,
    ],
    [
      'a truncated multi-byte character at the end',
      Buffer.concat([Buffer.from('email,name\na@example.com,Jos'), Buffer.from([0xc3])]),
      /line 2: not valid UTF-8/,
    ],
    [
      'a 10 MB single line',
      `email,name\na@example.com,${'x'.repeat(10 * 1024 * 1024)}\n`,
      /line 2: longer than 1024 KB/,
    ],
  ];

  it.each(cases)('%s → one line naming the line, exit 2, nothing sent', async (name, content, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.csv`, content);
    expectRejected(await run(['groups', 'import', 'g', path]), message);
    await expectNothingSent();
  });

  it('invalid UTF-8 and over-long lines in JSONL too', async () => {
    const bad = file(
      'bad.jsonl',
      Buffer.concat([
        Buffer.from('{"email":"a@example.com"}\n{"email":"b@exa'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('mple.com"}\n'),
      ]),
    );
    expectRejected(await run(['groups', 'import', 'g', bad]), /bad\.jsonl: line 2: not valid UTF-8/);
    const long = file('long.jsonl', `{"email":"a@example.com","name":"${'y'.repeat(2 * 1024 * 1024)}"}\n`);
    expectRejected(await run(['groups', 'import', 'g', long]), /long\.jsonl: line 1: longer than 1024 KB/);
    await expectNothingSent();
  });

  it('a UTF-8 BOM is accepted in CSV and JSONL', async () => {
    const bom = '\uFEFF';
    const csv = file('bom.csv', `${bom}email,name\nbom1@example.com,Zoë\n`);
    const jsonl = file('bom.jsonl', `${bom}{"email":"bom2@example.com","name":"Zoë"}\r\n`);
    for (const [path, group] of [
      [csv, 'bom-csv'],
      [jsonl, 'bom-jsonl'],
    ] as const) {
      const result = await run(['groups', 'import', group, path, '--create', '--wait', '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ rows: 1, uploaded: 1 });
    }
  });
});

describe('paths: templates pull and push', () => {
  it('pull writes every template inside <dir>, whatever its name, and says where', async () => {
    for (const name of ['../../etc/x', '/abs/olute', '..', '.hidden', 'a/b', 'a-b']) {
      const text = file('p.txt', `body of ${name}`);
      const created = await run(['templates', 'create', '--name', name, '--text', text]);
      expect(created.code, created.stderr).toBe(0);
    }
    const outer = join(tmp.dir, 'pull');
    const root = join(outer, 'inner');
    mkdirSync(root, { recursive: true });
    const result = await run(['templates', 'pull', root, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { name: string; dir: string; action: string }[];
    const folders = rows.map((r) => r.dir.slice(root.length + 1));
    expect(new Set(folders).size).toBe(rows.length);
    for (const folder of folders) expect(folder).toMatch(/^[^./\\][^/\\]*$/);
    expect(rows.find((r) => r.name === '../../etc/x')?.dir).toBe(join(root, 'etc-x'));
    // Nothing beside <dir>, nothing above it.
    expect(readdirSync(outer)).toEqual(['inner']);
    expect(existsSync(join(tmp.dir, 'etc'))).toBe(false);

    const human = await run(['templates', 'pull', join(tmp.dir, 'pull2')]);
    expect(human.stderr).toContain('"../../etc/x" goes to folder "etc-x"');
  });

  it('pull does not write through a symbolic link planted in <dir>', async () => {
    const root = join(tmp.dir, 'pull-link');
    const victim = join(tmp.dir, 'victim');
    mkdirSync(root, { recursive: true });
    mkdirSync(victim, { recursive: true });
    symlinkSync(victim, join(root, 't'));
    const result = await run(['templates', 'pull', root, '--force', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const row = (JSON.parse(result.stdout) as { name: string; action: string }[]).find((r) => r.name === 't');
    expect(row?.action).toMatch(/symbolic link/);
    expect(readdirSync(victim)).toEqual([]);
  });

  it('push refuses a symbolic link that leads outside the folder', async () => {
    const secret = file('secret.txt', 'not for upload');
    const root = join(tmp.dir, 'push');
    mkdirSync(join(root, 'leak'), { recursive: true });
    writeFileSync(join(root, 'leak', 'template.json'), '{"name":"leak"}');
    symlinkSync(secret, join(root, 'leak', 'index.txt'));
    expectRejected(
      await run(['templates', 'push', root]),
      /^error: .*leak\/index\.txt: a symbolic link leading outside .*push; refusing to read it/,
    );
    const list = await run(['templates', 'list', '--json']);
    expect(list.stdout).not.toContain('"leak"');
  });
});
