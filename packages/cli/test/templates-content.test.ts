import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const run = (argv: string[]) => runInProcess(argv, tmp.dir);

function file(name: string, text: string): string {
  const path = join(tmp.dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** A template folder under `root`: template.json plus the given files. */
function folder(root: string, dir: string, name: string, files: Record<string, string>): string {
  const path = join(tmp.dir, root, dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'template.json'), JSON.stringify({ name }));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(path, f), text);
  return join(tmp.dir, root);
}

async function content(name: string): Promise<{ html: string; text: string }> {
  const got = await run(['templates', 'get', name, '--json']);
  expect(got.code, got.stderr).toBe(0);
  return JSON.parse(got.stdout) as { html: string; text: string };
}

async function create(name: string, html?: string, text?: string): Promise<void> {
  const args = ['templates', 'create', '--name', name];
  if (html !== undefined) args.push('--html', file(`${name}.html`, html));
  if (text !== undefined) args.push('--text', file(`${name}.txt`, text));
  const created = await run(args);
  expect(created.code, created.stderr).toBe(0);
}

describe('templates update', () => {
  it('--html changes the HTML only: the text part stays', async () => {
    await create('upd-html', '<p>Old {{name}}</p>', 'Old text {{name}}');
    const updated = await run([
      'templates',
      'update',
      'upd-html',
      '--html',
      file('new.html', '<p>New {{name}}</p>'),
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(await content('upd-html')).toMatchObject({
      html: '<p>New {{name}}</p>',
      text: 'Old text {{name}}',
    });
  });

  it('--text changes the text only: the HTML part stays', async () => {
    await create('upd-text', '<p>Keep {{name}}</p>', 'Old {{name}}');
    const updated = await run(['templates', 'update', 'upd-text', '--text', file('new.txt', 'New {{name}}')]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(await content('upd-text')).toMatchObject({ html: '<p>Keep {{name}}</p>', text: 'New {{name}}' });
  });
});

describe('templates push: the folder is the whole template', () => {
  it('a part without its file is removed, and the diff (and --dry-run) says so', async () => {
    await create('both-parts', '<p>Hi {{name}}</p>', 'Hi {{name}}\nBye');
    const root = folder('push-removal', 'both', 'both-parts', { 'index.html': '<p>Hi {{name}}</p>' });

    const dry = await run(['templates', 'push', root, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('index.txt (removed)\n  - Hi {{name}}\n  - Bye');
    expect(dry.stdout).toContain('UpdateEmailTemplate');
    expect(await content('both-parts')).toMatchObject({ text: 'Hi {{name}}\nBye' });

    const pushed = await runInProcess(['templates', 'push', root, '--json'], tmp.dir);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(JSON.parse(pushed.stdout)[0]).toMatchObject({
      action: 'updated',
      diff: ['index.txt (removed)', '- Hi {{name}}', '- Bye'],
    });
    expect(await content('both-parts')).toEqual(
      expect.objectContaining({ html: '<p>Hi {{name}}</p>', text: '' }),
    );

    const again = await runInProcess(['templates', 'push', root, '--json'], tmp.dir);
    expect(JSON.parse(again.stdout)[0]).toMatchObject({ action: 'unchanged' });
  });

  it('refuses two folders with one name before any call (exit 2, naming both)', async () => {
    const root = folder('push-dupes', 'a', 'twin', { 'index.txt': 'A {{x}}' });
    folder('push-dupes', 'b', 'twin', { 'index.txt': 'B {{x}}' });
    const pushed = await run(['templates', 'push', root]);
    expect(pushed.code).toBe(2);
    expect(pushed.stderr).toContain(
      `"twin" in ${join(root, 'a')} and ${join(root, 'b')}; nothing was pushed`,
    );
    const list = await run(['templates', 'list', '--all', '--json']);
    expect(list.stdout).not.toContain('"twin"');
  });

  it('refuses a folder whose name several remote templates share (naming them)', async () => {
    await create('shared-name', undefined, 'one {{x}}');
    await create('shared-name', undefined, 'two {{x}}');
    const ids = (
      JSON.parse((await run(['templates', 'list', '--all', '--json'])).stdout) as {
        items: { templateName: string; templateId: number }[];
      }
    ).items
      .filter((t) => t.templateName === 'shared-name')
      .map((t) => t.templateId);
    expect(ids).toHaveLength(2);
    const root = folder('push-ambiguous', 'shared', 'shared-name', { 'index.txt': 'three {{x}}' });
    const pushed = await run(['templates', 'push', root]);
    expect(pushed.code).toBe(2);
    for (const id of ids) expect(pushed.stderr).toContain(String(id));
    expect(pushed.stderr).toContain('"shared-name"');
    expect(pushed.stderr).toContain('nothing was pushed');
  });
});

describe('templates pull --force', () => {
  it('removes the file of a part the template no longer has, so a push cannot bring it back', async () => {
    await create('pull-stale', '<p>P {{x}}</p>', 'P {{x}}');
    const out = join(tmp.dir, 'pulled');
    expect((await run(['templates', 'pull', out])).code).toBe(0);
    expect(existsSync(join(out, 'pull-stale', 'index.txt'))).toBe(true);

    const updated = await run([
      'templates',
      'update',
      'pull-stale',
      '--html',
      file('p2.html', '<p>P2 {{x}}</p>'),
    ]);
    expect(updated.code).toBe(0);
    const root = folder('strip', 'x', 'pull-stale', { 'index.html': '<p>P2 {{x}}</p>' });
    expect((await run(['templates', 'push', root])).code).toBe(0);

    const pulled = await runInProcess(['templates', 'pull', out, '--force', '--json'], tmp.dir);
    expect(pulled.code, pulled.stderr).toBe(0);
    const row = (JSON.parse(pulled.stdout) as { name: string; action: string }[]).find(
      (r) => r.name === 'pull-stale',
    );
    expect(row?.action).toBe('written (removed index.txt)');
    expect(existsSync(join(out, 'pull-stale', 'index.txt'))).toBe(false);
    expect(readFileSync(join(out, 'pull-stale', 'index.html'), 'utf8')).toBe('<p>P2 {{x}}</p>');
  });

  it('never removes through a symbolic link: that template is skipped, the others are pulled (exit 0)', async () => {
    await create('pull-link', '<p>L {{x}}</p>');
    await create('pull-link-neighbour', '<p>N {{x}}</p>');
    const out = join(tmp.dir, 'pulled-link');
    mkdirSync(join(out, 'pull-link'), { recursive: true });
    const target = file('keep-me.txt', 'precious');
    symlinkSync(target, join(out, 'pull-link', 'index.txt'));
    const pulled = await run(['templates', 'pull', out, '--force', '--json']);
    // Skipped like a symbolic-linked folder is: a row saying why, and exit 0.
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toBe('');
    const rows = JSON.parse(pulled.stdout) as { name: string; action: string }[];
    expect(rows.find((r) => r.name === 'pull-link')?.action).toBe('skipped (index.txt is a symbolic link)');
    expect(rows.find((r) => r.name === 'pull-link-neighbour')?.action).toBe('written');
    expect(readFileSync(join(out, 'pull-link-neighbour', 'index.html'), 'utf8')).toBe('<p>N {{x}}</p>');
    // Nothing followed, nothing removed, nothing written in the skipped folder.
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(lstatSync(join(out, 'pull-link', 'index.txt')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(out, 'pull-link'))).toEqual(['index.txt']);
  });

  it('skips a folder holding a FIFO where a file goes, instead of blocking on it', async () => {
    await create('pull-fifo', '<p>F {{x}}</p>');
    const out = join(tmp.dir, 'pulled-fifo');
    mkdirSync(join(out, 'pull-fifo'), { recursive: true });
    // Opened to be written, a FIFO without a reader blocks forever (the process then ignored SIGTERM).
    execFileSync('mkfifo', [join(out, 'pull-fifo', 'index.html')]);
    const pulled = await run(['templates', 'pull', out, '--force', '--json']);
    expect(pulled.code, pulled.stderr).toBe(0);
    const rows = JSON.parse(pulled.stdout) as { name: string; action: string }[];
    expect(rows.find((r) => r.name === 'pull-fifo')?.action).toBe(
      'skipped (index.html is not a regular file)',
    );
    expect(lstatSync(join(out, 'pull-fifo', 'index.html')).isFIFO()).toBe(true);
  });
});
