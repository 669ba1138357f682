import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { withFlagNames } from '../parse/flag-names.js';
import { optString } from '../parse/values.js';
import { Prompter } from '../prompt.js';
import type { Session, Wire } from '../session.js';
import { camelize } from './shared.js';

/** Wire fields and what the user typed for them, for validation messages. */
const SENDER_FLAGS = { EmailAddress: 'address', EmailSenderName: '--name', Password: 'password' } as const;

/** `senders list|create|delete|smtp-password`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const address = input.args[0] ?? '';
  switch (input.command) {
    case 'senders list': {
      const out = await session.call('ListEmailAddress', {});
      const items = (out.EmailSenders as Wire[] | undefined) ?? [];
      return {
        kind: 'table',
        rows: items,
        columns: [
          { key: 'EmailAddress', header: 'Address' },
          { key: 'EmailSenderName', header: 'Name' },
          { key: 'SmtpPwdType', header: 'SMTP password', format: (v) => (Number(v) === 1 ? 'set' : 'none') },
          {
            key: 'CreatedTimestamp',
            header: 'Created',
            format: (v) => (v ? new Date(Number(v) * 1000).toISOString() : ''),
          },
        ],
        empty: 'No sender addresses.',
        json: camelize(items),
      };
    }
    case 'senders create': {
      const name = optString(input.opts.name);
      await withFlagNames(SENDER_FLAGS, () =>
        session.write('CreateEmailAddress', {
          EmailAddress: address,
          ...(name ? { EmailSenderName: name } : {}),
        }),
      );
      return { kind: 'message', message: `Created sender ${address}`, json: { address, name: name ?? null } };
    }
    case 'senders delete':
      await withFlagNames(SENDER_FLAGS, () => session.write('DeleteEmailAddress', { EmailAddress: address }));
      return { kind: 'message', message: `Deleted sender ${address}`, json: { address, deleted: true } };
    default: {
      const password =
        optString(input.opts.password) ?? (await readSecret(session, 'SES_SMTP_PASSWORD', 'SMTP password: '));
      await withFlagNames(SENDER_FLAGS, () =>
        session.write('UpdateEmailSmtpPassWord', { EmailAddress: address, Password: password }),
      );
      return {
        kind: 'message',
        message: `SMTP password set for ${address}`,
        json: { address, updated: true },
      };
    }
  }
}

/**
 * A secret from an environment variable, piped stdin, or a prompt that does not echo. Never
 * printed or logged. With `stdinFlag` (the user passed `--secret-key-stdin`) stdin is read even when
 * the variable is set: the flag says where the secret is.
 */
export async function readSecret(
  session: Session,
  envName: string,
  prompt: string,
  options: { readonly stdinFlag?: string } = {},
): Promise<string> {
  const fromEnv = session.cli.env[envName];
  if (fromEnv && !options.stdinFlag) return fromEnv;
  const stdin = session.cli.stdin;
  if (stdin.isTTY !== true) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    const value = Buffer.concat(chunks).toString('utf8').trim();
    if (!value) {
      throw new UsageError(
        options.stdinFlag
          ? `${options.stdinFlag}: stdin is empty (pipe the secret in)`
          : `no secret given: set ${envName} or pipe it on stdin`,
      );
    }
    return value;
  }
  return new Prompter(session).askHidden(prompt.replace(/:\s*$/, ''));
}
