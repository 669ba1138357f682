import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../../test/engine/helpers.js';
import { openDatabase } from '../../store/database.js';
import { claimedRow, insertEmail, type NewEmail } from './emails.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function database() {
  const { dir, cleanup } = tempDataDir();
  const db = openDatabase(dir);
  cleanups.push(cleanup, () => db.close());
  return db;
}

const email = (overrides: Partial<NewEmail> = {}): NewEmail => ({
  messageId: 'qcloudses-1-msg',
  smtpMessageId: 'abc@mail.example.com',
  carrierId: null,
  taskId: 7,
  fromAddress: 'News <news@mail.example.com>',
  fromEmail: 'news@mail.example.com',
  senderDomain: 'mail.example.com',
  toAddress: 'someone@Example.NET',
  templateId: 3,
  subject: 'Hello',
  templateData: '{"name":"A"}',
  payload: null,
  status: 'queued',
  sendStatus: 0,
  requestTime: 1_795_000_000_000,
  requestDate: '2026-11-18',
  token: 'tok-1',
  ...overrides,
});

describe('insertEmail with a claim', () => {
  it('records an accepted email as claimed, exactly as claimedRow describes it', () => {
    const db = database();
    const claim = { owner: '123:abc', at: 1_795_000_000_500 };
    const fresh = email();
    const id = insertEmail(db, fresh, undefined, claim);
    expect(db.prepare('SELECT * FROM emails WHERE id = ?').get(id)).toEqual(claimedRow(id, fresh, claim));
    expect(claimedRow(id, fresh, claim)).toMatchObject({
      status: 'sending',
      attempts: 1,
      to_domain: 'example.net',
    });
  });

  it('leaves a refused email unclaimed, and an email without a claim queued', () => {
    const db = database();
    const claim = { owner: '123:abc', at: 1 };
    const refused = insertEmail(
      db,
      email({ status: 'refused', sendStatus: 1013, token: 't2' }),
      undefined,
      claim,
    );
    const queued = insertEmail(db, email({ token: 't3' }));
    const read = db.prepare('SELECT status, attempts, claim_owner, claim_at FROM emails WHERE id = ?');
    expect(read.get(refused)).toEqual({ status: 'refused', attempts: 0, claim_owner: null, claim_at: null });
    expect(read.get(queued)).toEqual({ status: 'queued', attempts: 0, claim_owner: null, claim_at: null });
  });
});
