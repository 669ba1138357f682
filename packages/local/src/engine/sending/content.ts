import { extractTemplateVariables, INTERNATIONAL_REGION, parseMailbox } from '@ses-cli/sdk';
import type { EngineContext } from '../context.js';
import {
  findSender,
  findTemplate,
  findUnsubscribeConfig,
  findVerifiedDomain,
  type IdentityRecord,
  type TemplateRecord,
} from '../lookups.js';

/** The codes one rule answers with, which differ between SendEmail and BatchSendEmail. */
export interface ContentCodes {
  readonly noSender: string;
  readonly unverifiedDomain: string;
  readonly noTemplate: string;
  readonly unapprovedTemplate: string;
  readonly missingContent: string;
}

/**
 * SendEmail's codes (reference §5.3): its documented list has no `OperationDenied.*` sub-codes, so
 * a sender that is not usable is "not authenticated" and a template that is not usable "invalid".
 */
export const SEND_EMAIL_CODES: ContentCodes = {
  noSender: 'FailedOperation.NotAuthenticatedSender',
  unverifiedDomain: 'FailedOperation.NotAuthenticatedSender',
  noTemplate: 'FailedOperation.InvalidTemplateID',
  unapprovedTemplate: 'FailedOperation.InvalidTemplateID',
  missingContent: 'FailedOperation.MissingEmailContent',
};

/** BatchSendEmail's codes (its documented list has no NotAuthenticatedSender / InvalidTemplateID). */
export const BATCH_CODES: ContentCodes = {
  noSender: 'OperationDenied.SendAddressStatusError',
  unverifiedDomain: 'OperationDenied.SendAddressStatusError',
  noTemplate: 'OperationDenied.TemplateStatusError',
  unapprovedTemplate: 'OperationDenied.TemplateStatusError',
  missingContent: 'MissingParameter.SendParamNecessary',
};

/** A sender that may send: it exists and its domain is verified. */
export interface ResolvedSender {
  /** The From header: `Alias <addr>` as given, or the sender's display name when none was given. */
  readonly fromHeader: string;
  readonly address: string;
  readonly domain: string;
  readonly identity: IdentityRecord;
}

/** Checks `FromEmailAddress`: a created sender address on a verified domain. */
export function resolveSender(ctx: EngineContext, from: string, codes: ContentCodes): ResolvedSender {
  const mailbox = parseMailbox(from);
  if ('error' in mailbox)
    throw ctx.apiError('FailedOperation.IncorrectSender', `FromEmailAddress ${mailbox.error}.`);
  const sender = findSender(ctx.db, mailbox.address);
  if (!sender) throw ctx.apiError(codes.noSender, `The sender address ${mailbox.address} does not exist.`);
  const identity = findVerifiedDomain(ctx.db, sender.domain);
  if (!identity) {
    throw ctx.apiError(codes.unverifiedDomain, `The sender domain ${sender.domain} is not verified.`);
  }
  const alias = mailbox.alias ?? (sender.senderName === '' ? undefined : sender.senderName);
  return {
    fromHeader: alias === undefined ? sender.address : `${alias} <${sender.address}>`,
    address: sender.address,
    domain: sender.domain,
    identity,
  };
}

/** An approved template and the variables its parts (and the subject) use. */
export interface ResolvedTemplate {
  readonly template: TemplateRecord;
  readonly variables: string[];
}

/**
 * Checks the `Template` / `Simple` choice: custom content (`Simple`) needs a grant no local account
 * has (`FailedOperation.WithOutPermission`, SendStatus 1011); the template must exist and be approved.
 */
export function resolveTemplate(
  ctx: EngineContext,
  input: Record<string, unknown>,
  subject: string,
  codes: ContentCodes,
): ResolvedTemplate {
  const reference = input['Template'] as { TemplateID: number; TemplateData: string } | undefined;
  if (!reference) {
    if (input['Simple'] !== undefined) {
      throw ctx.apiError(
        'FailedOperation.WithOutPermission',
        'Custom content (Simple) is not enabled for this account; send with a template.',
      );
    }
    throw ctx.apiError(codes.missingContent, 'Template is required.');
  }
  const template = findTemplate(ctx.db, reference.TemplateID);
  if (!template) throw ctx.apiError(codes.noTemplate, `The template ${reference.TemplateID} does not exist.`);
  if (template.status !== 0) {
    throw ctx.apiError(
      codes.unapprovedTemplate,
      `The template ${template.id} is not approved (status ${template.status}).`,
    );
  }
  return {
    template,
    variables: extractTemplateVariables({ subject, html: template.html, text: template.text }),
  };
}

/**
 * Parses a `TemplateData` string into a flat object of strings, or undefined when it is not one.
 * Numbers are accepted and kept as their text, as the service documents key → string.
 */
export function parseTemplateData(text: string): Record<string, string> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') out[key] = item;
    else if (typeof item === 'number' && Number.isFinite(item)) out[key] = String(item);
    else return undefined;
  }
  return out;
}

/**
 * An unsubscribe code as a request's site numbers it ↔ as the engine keeps it (China-site
 * numbering). The international site (`ap-singapore`) swaps `1` (English there) and `2`
 * (Simplified Chinese); the mapping is its own inverse, so it serves both directions.
 */
export function siteUnsubscribeCode(code: string, region: string): string {
  if (region !== INTERNATIONAL_REGION) return code;
  return code === '1' ? '2' : code === '2' ? '1' : code;
}

/**
 * The unsubscribe language to use (China-site numbering): the request's code unless it is absent
 * or `"0"`, else the sender address's own setting when it is switched on; undefined means no link.
 */
export function unsubscribeLanguage(ctx: EngineContext, requested: unknown, senderAddress: string) {
  if (typeof requested === 'string' && requested !== '0') return siteUnsubscribeCode(requested, ctx.region);
  const config = findUnsubscribeConfig(ctx.db, senderAddress);
  return config && config.status === 1 && config.config !== '0' ? config.config : undefined;
}

/** Decoded attachments, as stored and composed. */
export interface StoredAttachment {
  filename: string;
  /** base64 */
  content: string;
}

/**
 * Decodes and size-checks `Attachments`: valid base64 (`AttachContentIsWrong`), content given
 * inline (`FileURLNotExist`: URLs are "not open"), total ≤ `maxEmailBytes` (`AttachContentToolarge`).
 */
export function checkAttachments(ctx: EngineContext, value: unknown): StoredAttachment[] {
  const list = (value ?? []) as { FileName: string; Content?: string; FileURL?: string }[];
  let total = 0;
  const out: StoredAttachment[] = [];
  for (const attachment of list) {
    if (attachment.Content === undefined) {
      throw ctx.apiError(
        'FailedOperation.FileURLNotExist',
        `Attachment ${attachment.FileName} has no Content.`,
      );
    }
    const normalised = attachment.Content.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalised) || normalised.length % 4 === 1) {
      throw ctx.apiError(
        'InvalidParameterValue.AttachContentIsWrong',
        `Attachment ${attachment.FileName} is not valid base64.`,
      );
    }
    total += Buffer.byteLength(normalised, 'base64');
    out.push({ filename: attachment.FileName, content: normalised });
  }
  if (total > ctx.options.maxEmailBytes) {
    throw ctx.apiError(
      'FailedOperation.AttachContentToolarge',
      `Attachments total ${total} bytes; the limit is ${ctx.options.maxEmailBytes}.`,
    );
  }
  return out;
}
