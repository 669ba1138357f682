import type { LocalBackend } from '../backend.js';
import { parseMessage } from '../delivery/parse-message.js';
import { HttpError } from '../emulator/http-error.js';
import { headerFields } from '../emulator/message-headers.js';
import type { DeliveryEvent, MessageSummary } from '../engine/inspection.js';
import { messageOutcome, recipientView } from './delivery-outcome.js';
import { decodeEncodedWords } from './encoded-words.js';
import { readStatusRecords } from './engine-access.js';
import type {
  MessageDetailView,
  MessageEventView,
  MessageListItem,
  MessageListView,
  RecipientView,
} from './types.js';

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
// The pixel the engine appends to tracked HTML (delivery/tracking.ts writes exactly this shape).
const OPEN_PIXEL = /<img\b[^>]*\bsrc="[^"]*\/t\/open\/[A-Za-z0-9_-]{1,128}\.gif"[^>]*>/gi;

/** `GET /ui/api/messages?to=&subject=&messageId=&limit=&offset=`: captured emails, newest first. */
export function listMessages(backend: LocalBackend, params: URLSearchParams): MessageListView {
  const limit = intParam(params, 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
  const offset = intParam(params, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const filter: { to?: string; subject?: string; messageId?: string; limit: number; offset: number } = {
    limit,
    offset,
  };
  for (const key of ['to', 'subject', 'messageId'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const { items, total } = backend.messages.list(filter);
  return { items: withRecipients(backend, items), total, limit, offset };
}

/** Adds every recipient's status record and the outcome they add up to. */
function withRecipients<T extends MessageSummary>(
  backend: LocalBackend,
  summaries: readonly T[],
): (T & Pick<MessageListItem, 'outcome' | 'recipients'>)[] {
  const byMessage = new Map<string, RecipientView[]>();
  for (const record of readStatusRecords(
    backend,
    summaries.map((summary) => summary.id),
  )) {
    const list = byMessage.get(record.messageId) ?? [];
    list.push(recipientView(record));
    byMessage.set(record.messageId, list);
  }
  return summaries.map((summary) => {
    const recipients = byMessage.get(summary.id) ?? [];
    return { ...summary, outcome: messageOutcome(recipients, 'sent'), recipients };
  });
}

/**
 * `GET /ui/api/messages/<id>`: one email parsed, its recipients and events, and inspection-API links
 * for bytes. An email not handed to the transport yet (queued, deferred) has no content to show.
 */
export async function messageDetail(backend: LocalBackend, id: string): Promise<MessageDetailView> {
  const summary = backend.messages.get(id);
  if (!summary) throw new HttpError(404, 'no such message');
  const raw = backend.messages.raw(id);
  const { events, ...rest } = withRecipients(backend, [summary])[0]!;
  const base = `/_emulator/messages/${encodeURIComponent(id)}`;
  const view: MessageDetailView = {
    ...rest,
    events: events.map(eventView),
    captured: raw !== undefined,
    headers: [],
    attachments: [],
    rawUrl: `${base}/raw`,
  };
  if (!raw) return view;
  const parsed = await parseMessage(raw);
  return {
    ...view,
    ...(parsed.to ? { headerTo: addressText(parsed.to) } : {}),
    ...(parsed.cc ? { headerCc: addressText(parsed.cc) } : {}),
    // Viewing the email here is not the recipient opening it.
    ...(parsed.html ? { html: parsed.html.replace(OPEN_PIXEL, '') } : {}),
    ...(parsed.text ? { text: parsed.text } : {}),
    headers: headerFields(parsed).map(({ name, value }) => ({ name, value: decodeEncodedWords(value) })),
    attachments: parsed.attachments.map((attachment, index) => ({
      index,
      filename: attachment.filename ?? `attachment-${index}`,
      contentType: attachment.contentType,
      size: attachment.size,
      url: `${base}/attachments/${index}`,
    })),
  };
}

type AddressField = { text: string } | { text: string }[];
function addressText(field: AddressField): string {
  return Array.isArray(field) ? field.map((address) => address.text).join(', ') : field.text;
}

function eventView(event: DeliveryEvent): MessageEventView {
  const view: MessageEventView = { type: event.type, time: new Date(event.timestamp * 1000).toISOString() };
  if (event.reason !== undefined) view.reason = event.reason;
  if (event.bounceType !== undefined) view.bounceType = event.bounceType;
  if (event.link !== undefined) view.link = event.link;
  if (event.userAgent !== undefined) view.userAgent = event.userAgent;
  return view;
}

/** An integer query parameter within bounds; absent means `fallback`, anything else invalid is a 400. */
export function intParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HttpError(400, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
