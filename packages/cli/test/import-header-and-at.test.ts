import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStartTime } from '../src/parse/values.js';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
const run = (argv: string[]) => runInProcess(argv, tmp.dir);

beforeAll(async () => {
  writeFileSync(join(tmp.dir, 't.txt'), 'Hi {{name}}');
  expect((await run(['identities', 'create', 'mail.example.com'])).code).toBe(0);
  expect((await run(['identities', 'verify', 'mail.example.com'])).code).toBe(0);
  expect((await run(['senders', 'create', 'a@mail.example.com'])).code).toBe(0);
  expect((await run(['templates', 'create', '--name', 't', '--text', join(tmp.dir, 't.txt')])).code).toBe(0);
  expect((await run(['groups', 'create', 'g'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

async function expectNothingUploaded(): Promise<void> {
  const show = await run(['groups', 'show', 'g', '--json']);
  expect(JSON.parse(show.stdout)).toMatchObject({ total: 0 });
}

describe('groups import: the CSV header is checked first', () => {
  it.each([
    [
      'a column given twice',
      'email,name,name\na@example.com,Ana,Bo\n',
      /line 1: the header names "name" more than once/,
    ],
    [
      'two address columns',
      'email,EMAIL\na@example.com,b@example.com\n',
      /line 1: the header has "email", "EMAIL": more than one address column/,
    ],
    [
      'two address columns in other cases',
      'Email,name,eMail\na@example.com,Ana,b@example.com\n',
      /line 1: the header has "Email", "eMail": more than one address column/,
    ],
    [
      'an empty column name',
      'email,,name\na@example.com,x,Ana\n',
      /line 1: column 2 of the header has no name/,
    ],
    [
      'a blank column name',
      'email, ,name\na@example.com,x,Ana\n',
      /line 1: column 2 of the header has no name/,
    ],
  ])('%s → exit 2 naming the column and line 1, nothing uploaded', async (name, csv, message) => {
    const path = join(tmp.dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, csv);
    const result = await run(['groups', 'import', 'g', path]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    await expectNothingUploaded();
  });

  it('names differing only in case are two template variables, both uploaded (exit 0)', async () => {
    const path = join(tmp.dir, 'case-variables.csv');
    writeFileSync(path, 'email,Name,name\na@example.com,Ana,ana\n');
    const result = await run(['groups', 'import', 'cased', path, '--create', '--wait', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 1, uploaded: 1 });
    const show = await run(['groups', 'show', 'cased', '--json']);
    const doc = JSON.parse(show.stdout) as { recipients: { email: string; templateData: string }[] };
    expect(doc.recipients).toHaveLength(1);
    expect(doc.recipients[0]?.email).toBe('a@example.com');
    expect(JSON.parse(doc.recipients[0]?.templateData ?? '')).toEqual({ Name: 'Ana', name: 'ana' });
  });

  it('a JSONL field with an empty name is a bad row', async () => {
    const path = join(tmp.dir, 'empty-key.jsonl');
    writeFileSync(path, '{"email":"a@example.com","":"x"}\n');
    const result = await run(['groups', 'import', 'g', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 1: a field with an empty name/);
    await expectNothingUploaded();
  });
});

describe('groups import: line numbers whatever the line endings', () => {
  it.each([
    ['an LF header with CRLF rows', 'email,name\na@example.com,A\r\nc@example.com,C\r\nbad,B\r\n'],
    ['a CRLF header with LF rows', 'email,name\r\na@example.com,A\nc@example.com,C\nbad,B\n'],
    ['CR-only line endings', 'email,name\ra@example.com,A\rc@example.com,C\rbad,B\r'],
  ])('%s: a bad row is named by its own line', async (name, csv) => {
    const path = join(tmp.dir, `endings-${name.replaceAll(' ', '-')}.csv`);
    writeFileSync(path, csv);
    const result = await run(['groups', 'import', 'g', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 4: "bad" is not a valid email address/);
    await expectNothingUploaded();
  });
});

describe('batch --at with an ISO 8601 instant', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const at = (value: string) => parseStartTime(value, '--at', now, 'Asia/Shanghai');

  it.each([
    ['2027-02-30T10:00:00Z', /--at: "2027-02-30T10:00:00Z" is not a date/],
    ['2027-13-01T10:00:00Z', /is not a date/],
    ['2027-02-01T24:00:00Z', /--at: "2027-02-01T24:00:00Z" has an invalid time of day/],
    ['2027-02-01T10:60:00+08:00', /has an invalid time of day/],
    ['2027-02-01T10:00:61Z', /has an invalid time of day/],
    ['2027-02-01T10:00:00+25:00', /--at: "2027-02-01T10:00:00\+25:00" has an invalid UTC offset/],
  ])('%s is refused, not rolled over', (value, message) => {
    expect(() => at(value)).toThrow(message);
  });

  it.each([
    ['2027-02-28T10:00:00Z', '2027-02-28 18:00:00'],
    ['2028-02-29T10:00Z', '2028-02-29 18:00:00'],
    ['2027-02-01T10:00:00.250+05:30', '2027-02-01 12:30:00'],
    ['2027-02-01T10:00:00+0800', '2027-02-01 10:00:00'],
  ])('%s is accepted', (value, expected) => {
    expect(at(value)).toBe(expected);
  });

  it('the command exits 2 naming --at, and creates no task', async () => {
    const args = ['--from', 'a@mail.example.com', '--group', 'g', '--template', 't', '--subject', 's'];
    const result = await run(['batch', ...args, '--at', '2027-02-30T10:00:00Z']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --at: "2027-02-30T10:00:00Z" is not a date/m);
    const tasks = await run(['tasks', 'list', '--json']);
    expect(JSON.parse(tasks.stdout)).toMatchObject({ total: 0 });
  });
});
