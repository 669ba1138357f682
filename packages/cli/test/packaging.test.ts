import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt } from './built.js';
import { tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = tempDir('ses-cli-pack-');
const app = join(tmp.dir, 'app');
afterAll(() => tmp.cleanup());

/** Packs the three packages and installs the tarballs into an empty app, as a user would. */
function installFromTarballs(): void {
  const tarballs = join(tmp.dir, 'tarballs');
  mkdirSync(tarballs);
  mkdirSync(app);
  for (const pkg of ['sdk', 'local', 'cli']) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(root, 'packages', pkg),
      stdio: 'ignore',
    });
  }
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  // --ignore-scripts skips better-sqlite3's several-minute native compile; the binding built for
  // this workspace (same version, same Node ABI) is copied in instead.
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', ...files],
    {
      cwd: app,
      stdio: 'ignore',
    },
  );
  const workspaceSqlite = dirname(
    createRequire(join(root, 'packages/cli/package.json')).resolve('better-sqlite3/package.json'),
  );
  const release = join(app, 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  copyFileSync(
    join(workspaceSqlite, 'build', 'Release', 'better_sqlite3.node'),
    join(release, 'better_sqlite3.node'),
  );
}

beforeAll(() => {
  ensureBuilt();
  installFromTarballs();
}, 900_000);

it('installs from packed tarballs into an empty directory and runs', () => {
  const env = { ...process.env, SES_CLI_DATA_DIR: join(tmp.dir, 'data'), NO_COLOR: '1' };
  const npx = (args: string[]) =>
    execFileSync('npx', ['--no-install', 'ses-cli', ...args], { cwd: app, env, encoding: 'utf8' });
  expect(npx(['--help'])).toContain('Usage: ses-cli');
  npx(['identities', 'create', 'mail.example.com', '--backend', 'local']);
  npx(['senders', 'create', 'hi@mail.example.com', '--backend', 'local']);
  writeFileSync(join(tmp.dir, 'hello.txt'), 'Hello {{name}}');
  npx(['templates', 'create', '--name', 'hello', '--text', join(tmp.dir, 'hello.txt'), '--backend', 'local']);
  const sent = JSON.parse(
    npx([
      'send',
      '--from',
      'hi@mail.example.com',
      '--to',
      'ana@example.org',
      '--subject',
      'Hi',
      '--template',
      'hello',
      '--data',
      'name=Ana',
      '--backend',
      'local',
      '--json',
    ]),
  ) as { messageId: string };
  expect(sent.messageId).not.toBe('');
}, 120_000);

/** A copy of the installed SDK in a directory where no `zod` can be resolved. */
function sdkWithoutZod(): string {
  const dir = join(tmp.dir, 'no-zod');
  cpSync(join(app, 'node_modules', '@ses-cli', 'sdk'), join(dir, 'node_modules', '@ses-cli', 'sdk'), {
    recursive: true,
    filter: (source) => !source.includes(join('sdk', 'node_modules')),
  });
  return dir;
}

const SEND_CHECK = `
const sent = [];
const backend = {
  name: 'recorder',
  async invoke({ action, payload }) {
    sent.push(action);
    return { payload: { MessageId: 'm-1' }, requestId: 'r-1' };
  },
};
const ses = new SesClient({ backend });
const mail = { FromEmailAddress: 'a@mail.example.com', Subject: 'Hi', Template: { TemplateID: 1, TemplateData: '{}' } };
const ok = await ses.invoke('SendEmail', { ...mail, Destination: ['b@example.com'] });
const rejected = await ses.invoke('SendEmail', { ...mail, Destination: ['not-an-address'] }).then(
  () => 'accepted',
  (error) => (error instanceof ValidationError ? error.field : String(error)),
);
console.log(JSON.stringify({ messageId: ok.MessageId, rejected, sent }));
`;

it('runs the SDK from its tarball with zod bundled: validates with no zod package installed', () => {
  const dir = sdkWithoutZod();
  writeFileSync(
    join(dir, 'check.mjs'),
    `import { SesClient, ValidationError } from '@ses-cli/sdk';\n${SEND_CHECK}`,
  );
  writeFileSync(
    join(dir, 'check.cjs'),
    `const { SesClient, ValidationError } = require('@ses-cli/sdk');\n(async () => {${SEND_CHECK}})();`,
  );
  for (const script of ['check.mjs', 'check.cjs']) {
    const out = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out), script).toEqual({
      messageId: 'm-1',
      rejected: 'Destination.0',
      sent: ['SendEmail'],
    });
  }
});

it("composes the SDK's bundled schemas with the app's own zod", () => {
  writeFileSync(
    join(app, 'interop.mjs'),
    `import * as z from 'zod';
import { operations } from '@ses-cli/sdk';
const input = operations.GetEmailTemplate.input;
const wrapped = z.object({ request: input });
console.log(JSON.stringify({
  isZodType: input instanceof z.ZodType,
  accepts: wrapped.safeParse({ request: { TemplateID: 1 } }).success,
  rejects: !wrapped.safeParse({ request: { TemplateID: 'x' } }).success,
  jsonSchema: z.toJSONSchema(input).properties.TemplateID.type,
}));
`,
  );
  const out = execFileSync(process.execPath, ['interop.mjs'], { cwd: app, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ isZodType: true, accepts: true, rejects: true, jsonSchema: 'integer' });
});

it("type-checks an app against the installed SDK's declarations, zod's types included", () => {
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
      },
      files: ['typed.ts'],
    }),
  );
  // Were zod's types missing, the wire types would turn into `any` and the expected error would not
  // happen, which tsc reports.
  writeFileSync(
    join(app, 'typed.ts'),
    `import { SesClient, type WireInput } from '@ses-cli/sdk';
const mail: WireInput<'SendEmail'> = { FromEmailAddress: 'a@mail.example.com', Destination: ['b@example.com'], Subject: 'Hi' };
// @ts-expect-error Destination is a list of addresses
const wrong: WireInput<'SendEmail'> = { ...mail, Destination: 'b@example.com' };
export async function send(ses: SesClient): Promise<string | undefined> {
  void wrong;
  return (await ses.invoke('SendEmail', mail)).MessageId;
}
`,
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  expect(() => execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' })).not.toThrow();
});

it('ships the licenses of the packages bundled into each package', () => {
  const notices = (...path: string[]) =>
    readFileSync(join(app, 'node_modules', ...path, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  const headings = (text: string) => text.match(/^\S+ \d+\.\d+\.\d+\S* \(.+\)$/gm) ?? [];
  const zodPin = (
    JSON.parse(readFileSync(join(root, 'packages', 'sdk', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    }
  ).dependencies.zod;
  // The declarations import the pinned zod's types, so the bundled runtime must be that version.
  const sdk = notices('@ses-cli', 'sdk', 'dist');
  expect(headings(sdk)).toEqual([`zod ${zodPin} (MIT)`]);
  expect(sdk).toContain('Permission is hereby granted, free of charge');
  const cli = headings(notices('ses-cli', 'dist')).map((heading) => heading.split(' ')[0]);
  expect(cli).toEqual(expect.arrayContaining(['commander', 'undici', 'zod', 'nodemailer', 'better-sqlite3']));
  expect(headings(notices('@ses-cli', 'local', 'dist', 'dashboard'))).toEqual([
    expect.stringMatching(/^preact \d/),
  ]);
});
