import { randomBytes } from 'node:crypto';
import type { Handler } from '../context.js';
import { domainOf, findIdentity, findSender, hashPassword, matchesPasswordHash } from '../lookups.js';
import { unixSeconds } from '../time.js';

/** Most sender addresses an account may create (the CN reference: 10 in total). */
export const MAX_SENDERS = 10;

/** Longest display name accepted. @unit characters */
const MAX_SENDER_NAME = 64;

const createEmailAddress: Handler = (ctx, input) => {
  const address = String(input['EmailAddress']).toLowerCase();
  const name = typeof input['EmailSenderName'] === 'string' ? input['EmailSenderName'] : '';
  if ([...name].length > MAX_SENDER_NAME || /[:<>"]/.test(name)) {
    throw ctx.apiError(
      'InvalidParameterValue.IllegalSenderName',
      `EmailSenderName must be at most ${MAX_SENDER_NAME} characters without : < > or ".`,
    );
  }
  const domain = domainOf(address);
  return ctx.write(() => {
    if (!findIdentity(ctx.db, domain)?.verified) {
      throw ctx.apiError(
        'OperationDenied.DomainNotVerified',
        `The domain ${domain} is not a verified sender domain; create and verify it first.`,
      );
    }
    if (findSender(ctx.db, address)) {
      throw ctx.apiError('InvalidParameterValue.RepeatEmailAddress', `The sender ${address} already exists.`);
    }
    const count = (ctx.db.prepare('SELECT COUNT(*) AS n FROM senders').get() as { n: number }).n;
    if (count >= MAX_SENDERS) {
      throw ctx.apiError(
        'OperationDenied.ExceedSenderLimit',
        `At most ${MAX_SENDERS} sender addresses can be created.`,
      );
    }
    ctx.db
      .prepare('INSERT INTO senders (address, domain, sender_name, created_at) VALUES (?, ?, ?, ?)')
      .run(address, domain, name, ctx.now().getTime());
    return {};
  });
};

const listEmailAddress: Handler = (ctx) => {
  const rows = ctx.db
    .prepare(
      'SELECT address, sender_name, smtp_password_hash, created_at FROM senders ORDER BY created_at, address',
    )
    .all() as {
    address: string;
    sender_name: string;
    smtp_password_hash: string | null;
    created_at: number;
  }[];
  return {
    EmailSenders: rows.map((row) => ({
      EmailAddress: row.address,
      EmailSenderName: row.sender_name,
      CreatedTimestamp: unixSeconds(row.created_at),
      SmtpPwdType: row.smtp_password_hash === null ? 0 : 1,
    })),
  };
};

const deleteEmailAddress: Handler = (ctx, input) => {
  const address = String(input['EmailAddress']).toLowerCase();
  return ctx.write(() => {
    const result = ctx.db.prepare('DELETE FROM senders WHERE address = ?').run(address);
    if (result.changes === 0) {
      throw ctx.apiError('InvalidParameterValue.NoSuchSender', `The sender ${address} does not exist.`);
    }
    // Its unsubscribe-link setting goes with it: a sender created again starts without one.
    ctx.db.prepare('DELETE FROM unsubscribe_configs WHERE address = ?').run(address);
    return {};
  });
};

const PASSWORD_LENGTH = { min: 10, max: 20 };

/** 10–20 characters mixing at least two of digits, lower-case and upper-case letters; no spaces. */
function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    return `must be ${PASSWORD_LENGTH.min}–${PASSWORD_LENGTH.max} characters`;
  }
  if (/\s/.test(password)) return 'must not contain spaces';
  const classes = [/\d/, /[a-z]/, /[A-Z]/].filter((re) => re.test(password)).length;
  return classes < 2 ? 'must mix at least two of digits, lower-case and upper-case letters' : undefined;
}

const updateEmailSmtpPassWord: Handler = (ctx, input) => {
  const address = String(input['EmailAddress']).toLowerCase();
  const password = String(input['Password']);
  const problem = passwordProblem(password);
  if (problem) throw ctx.apiError('InvalidParameterValue.InvalidSmtpPassWord', `Password ${problem}.`);
  const current = ctx.db.prepare('SELECT smtp_password_hash FROM senders WHERE address = ?').get(address) as
    | { smtp_password_hash: string | null }
    | undefined;
  if (!current)
    throw ctx.apiError('InvalidParameterValue.NoSuchSender', `The sender ${address} does not exist.`);
  if (current.smtp_password_hash && matchesPasswordHash(current.smtp_password_hash, password)) {
    throw ctx.apiError(
      'OperationDenied.RepeatPassWord',
      'The new SMTP password is the same as the current one.',
    );
  }
  // scrypt is deliberately slow, so hash before taking the write lock.
  const hash = hashPassword(password, randomBytes(16));
  return ctx.write(() => {
    const result = ctx.db
      .prepare('UPDATE senders SET smtp_password_hash = ? WHERE address = ?')
      .run(hash, address);
    if (result.changes === 0) {
      throw ctx.apiError('InvalidParameterValue.NoSuchSender', `The sender ${address} does not exist.`);
    }
    return {};
  });
};

/** Sender-address actions. */
export const senderHandlers: Record<string, Handler> = {
  CreateEmailAddress: createEmailAddress,
  ListEmailAddress: listEmailAddress,
  DeleteEmailAddress: deleteEmailAddress,
  UpdateEmailSmtpPassWord: updateEmailSmtpPassWord,
};
