import type { LocalBackend } from '../backend.js';
import { parseMessage } from '../delivery/parse-message.js';
import { headerFields } from '../emulator/message-headers.js';
import type { DeliveryEvent } from '../engine/inspection.js';
import { DashboardHttpError } from './http.js';
import type { MessageDetailView, MessageEventView, MessageListView } from './types.js';

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
  return { items, total, limit, offset };
}

/** `GET /ui/api/messages/<id>`: one email parsed, its events, and inspection-API links for bytes. */
export async function messageDetail(backend: LocalBackend, id: string): Promise<MessageDetailView> {
  const summary = backend.messages.get(id);
  const raw = backend.messages.raw(id);
  if (!summary || !raw) throw new DashboardHttpError(404, 'no such message');
  const parsed = await parseMessage(raw);
  const base = `/_emulator/messages/${encodeURIComponent(id)}`;
  const { events, ...rest } = summary;
  const view: MessageDetailView = {
    ...rest,
    events: events.map(eventView),
    // Viewing the email here is not the recipient opening it.
    ...(parsed.html ? { html: parsed.html.replace(OPEN_PIXEL, '') } : {}),
    ...(parsed.text ? { text: parsed.text } : {}),
    headers: headerFields(parsed),
    attachments: parsed.attachments.map((attachment, index) => ({
      index,
      filename: attachment.filename ?? `attachment-${index}`,
      contentType: attachment.contentType,
      size: attachment.size,
      url: `${base}/attachments/${index}`,
    })),
    rawUrl: `${base}/raw`,
  };
  return view;
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
    throw new DashboardHttpError(400, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
