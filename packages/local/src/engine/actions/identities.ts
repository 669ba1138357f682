import { DEFAULT_WARMUP_PLAN, quotaForDay } from '@ses-cli/sdk';
import { generateDkimKeyPair } from '../../delivery/dkim-keys.js';
import { identityDnsRecords, type WireDNSAttributes } from '../../delivery/dns-records.js';
import type { EngineContext, Handler } from '../context.js';
import { findIdentity } from '../lookups.js';
import { warmupDayFor } from './warmup-level.js';

/** The domain an `EmailIdentity` names: lower-cased, without the root's trailing dot (every action alike). */
function domainName(input: Record<string, unknown>): string {
  return String(input['EmailIdentity']).toLowerCase().replace(/\.$/, '');
}

/** Most sender domains an account may create. */
export const MAX_DOMAINS = 10;

// A practical host-name check: 2+ labels, letters/digits/hyphens, no leading or trailing hyphen.
// The top-level label is letters, or an IDN TLD in punycode (`xn--p1ai`, .рф).
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** DKIM selector per region, as the service names them (`qcloudgz2048`, `qcloudhk2048`, …). */
function selectorFor(region: string, bits: 1024 | 2048): string {
  const code = region === 'ap-hongkong' ? 'hk' : region === 'ap-singapore' ? 'sg' : 'gz';
  return `qcloud${code}${bits}`;
}

/** Key sizes a `DKIMOption` asks for: 0 → 1024, 1 → 2048, 2 → both (dual signature). */
function keyBits(option: number): (1024 | 2048)[] {
  if (option === 2) return [1024, 2048];
  return option === 1 ? [2048] : [1024];
}

interface IdentityRow {
  domain: string;
  dkim_option: number;
  verified: number;
  tags: string;
  attributes: string;
}

function loadIdentity(ctx: EngineContext, domain: string): IdentityRow {
  const row = ctx.db
    .prepare('SELECT domain, dkim_option, verified, tags, attributes FROM identities WHERE domain = ?')
    .get(domain) as IdentityRow | undefined;
  if (!row)
    throw ctx.apiError('InvalidParameterValue.NotExistDomain', `The domain ${domain} has not been created.`);
  return row;
}

function detail(row: IdentityRow): Record<string, unknown> {
  return {
    IdentityType: 'DOMAIN',
    VerifiedForSendingStatus: row.verified === 1,
    Attributes: JSON.parse(row.attributes) as WireDNSAttributes[],
    DKIMOption: row.dkim_option,
    TagList: JSON.parse(row.tags) as unknown[],
  };
}

/**
 * Makes sure the domain has a key of each size its option needs (keys are generated once and
 * kept), and returns the DNS records to publish: SPF, DKIM (one per key), DMARC, MX.
 */
function ensureKeysAndRecords(ctx: EngineContext, domain: string, option: number): WireDNSAttributes[] {
  const records: WireDNSAttributes[] = [];
  for (const bits of keyBits(option)) {
    let key = ctx.db
      .prepare('SELECT selector, public_key FROM dkim_keys WHERE domain = ? AND bits = ?')
      .get(domain, bits) as { selector: string; public_key: string } | undefined;
    if (!key) {
      const pair = generateDkimKeyPair(bits);
      key = { selector: selectorFor(ctx.region, bits), public_key: pair.publicKey };
      ctx.db
        .prepare(
          'INSERT INTO dkim_keys (domain, bits, selector, private_key, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(domain, bits, key.selector, pair.privateKey, pair.publicKey, ctx.now().getTime());
    }
    const all = identityDnsRecords(domain, key.public_key, key.selector);
    if (records.length === 0) records.push(...all);
    else records.push(...all.filter((r) => r.SendDomain.includes('._domainkey.')));
  }
  // Keep the order SPF, DKIM…, DMARC, MX however many keys there are.
  const rank = (r: WireDNSAttributes) =>
    r.SendDomain.includes('._domainkey.')
      ? 1
      : r.SendDomain.startsWith('_dmarc.')
        ? 2
        : r.Type === 'MX'
          ? 3
          : 0;
  return records.sort((a, b) => rank(a) - rank(b));
}

/** With auto-verification the records count as published: each one "answers" its expected value. */
function autoVerified(records: WireDNSAttributes[]): WireDNSAttributes[] {
  return records.map((r) => ({ ...r, CurrentValue: r.ExpectedValue, Status: true }));
}

const createEmailIdentity: Handler = (ctx, input) => {
  const domain = domainName(input);
  if (!DOMAIN.test(domain)) {
    throw ctx.apiError('InvalidParameterValue.InvalidEmailIdentity', `${domain} is not a valid domain name.`);
  }
  const option = typeof input['DKIMOption'] === 'number' ? input['DKIMOption'] : 0;
  return ctx.write(() => {
    if (findIdentity(ctx.db, domain)) {
      throw ctx.apiError(
        'InvalidParameterValue.RepeatCreation',
        `The domain ${domain} has already been created.`,
      );
    }
    const count = (ctx.db.prepare('SELECT COUNT(*) AS n FROM identities').get() as { n: number }).n;
    if (count >= MAX_DOMAINS) {
      throw ctx.apiError(
        'OperationDenied.ExceedDomainLimit',
        `At most ${MAX_DOMAINS} sender domains can be created.`,
      );
    }
    const now = ctx.now().getTime();
    ctx.db
      .prepare('INSERT INTO identities (domain, dkim_option, tags, created_at) VALUES (?, ?, ?, ?)')
      .run(domain, option, JSON.stringify(input['TagList'] ?? []), now);
    const records = ensureKeysAndRecords(ctx, domain, option);
    const verified = ctx.options.autoVerifyDomains;
    const attributes = verified ? autoVerified(records) : records;
    ctx.db
      .prepare('UPDATE identities SET attributes = ?, verified = ?, verified_at = ? WHERE domain = ?')
      .run(JSON.stringify(attributes), verified ? 1 : 0, verified ? now : null, domain);
    return detail(loadIdentity(ctx, domain));
  });
};

const getEmailIdentity: Handler = (ctx, input) => detail(loadIdentity(ctx, domainName(input)));

const updateEmailIdentity: Handler = async (ctx, input) => {
  const domain = domainName(input);
  const current = loadIdentity(ctx, domain);
  const option = typeof input['DKIMOption'] === 'number' ? input['DKIMOption'] : current.dkim_option;
  const records = ctx.write(() => ensureKeysAndRecords(ctx, domain, option));
  let checked: WireDNSAttributes[];
  if (ctx.options.autoVerifyDomains) {
    checked = autoVerified(records);
  } else {
    // Loaded here, not at engine start: only this branch needs node:dns (~2 ms of every CLI start).
    const { checkDnsRecords, systemDnsResolver } = await import('../../delivery/dns-check.js');
    // DNS lookups happen outside any transaction: a slow resolver must not hold the write lock.
    checked = await checkDnsRecords(records, ctx.options.dnsResolver ?? systemDnsResolver());
  }
  const verified = checked.every((r) => r.Status);
  return ctx.write(() => {
    loadIdentity(ctx, domain);
    ctx.db
      .prepare(
        `UPDATE identities SET dkim_option = ?, attributes = ?, verified = ?,
           verified_at = CASE WHEN ? = 1 THEN COALESCE(verified_at, ?) ELSE NULL END
         WHERE domain = ?`,
      )
      .run(option, JSON.stringify(checked), verified ? 1 : 0, verified ? 1 : 0, ctx.now().getTime(), domain);
    return detail(loadIdentity(ctx, domain));
  });
};

const deleteEmailIdentity: Handler = (ctx, input) => {
  const domain = domainName(input);
  return ctx.write(() => {
    loadIdentity(ctx, domain);
    const senders = (
      ctx.db.prepare('SELECT COUNT(*) AS n FROM senders WHERE domain = ?').get(domain) as { n: number }
    ).n;
    if (senders > 0) {
      throw ctx.apiError(
        'OperationDenied.SenderWithDomainIsNotEmpty',
        `The domain ${domain} still has ${senders} sender address(es); delete them first.`,
      );
    }
    ctx.db.prepare('DELETE FROM identities WHERE domain = ?').run(domain);
    return {};
  });
};

const listEmailIdentities: Handler = (ctx, input) => {
  const wanted = (input['TagList'] as { TagKey: string; TagValue: string }[] | undefined) ?? [];
  const rows = ctx.db
    .prepare('SELECT domain, dkim_option, verified, tags FROM identities ORDER BY created_at, domain')
    .all() as Omit<IdentityRow, 'attributes'>[];
  const matching = rows.filter((row) => {
    const tags = JSON.parse(row.tags) as { TagKey: string; TagValue: string }[];
    return wanted.every((w) => tags.some((t) => t.TagKey === w.TagKey && t.TagValue === w.TagValue));
  });
  const offset = typeof input['Offset'] === 'number' ? input['Offset'] : 0;
  const limit = typeof input['Limit'] === 'number' ? input['Limit'] : matching.length;
  const plan = ctx.options.warmupPlan;
  const lastStep = plan.days.at(-1) ?? DEFAULT_WARMUP_PLAN.days.at(-1);
  return {
    EmailIdentities: matching.slice(offset, offset + limit).map((row) => {
      const day = warmupDayFor(ctx, row.domain);
      return {
        IdentityName: row.domain,
        IdentityType: 'DOMAIN',
        SendingEnabled: row.verified === 1,
        CurrentReputationLevel: Math.min(day, plan.days.length),
        DailyQuota: quotaForDay(plan, day),
        SendIp: [],
        TagList: JSON.parse(row.tags) as unknown[],
        DKIMOption: row.dkim_option,
      };
    }),
    MaxReputationLevel: lastStep?.day ?? 0,
    MaxDailyQuota: lastStep?.limit ?? 0,
    Total: matching.length,
  };
};

/** Sender-domain actions. */
export const identityHandlers: Record<string, Handler> = {
  CreateEmailIdentity: createEmailIdentity,
  GetEmailIdentity: getEmailIdentity,
  UpdateEmailIdentity: updateEmailIdentity,
  DeleteEmailIdentity: deleteEmailIdentity,
  ListEmailIdentities: listEmailIdentities,
};
