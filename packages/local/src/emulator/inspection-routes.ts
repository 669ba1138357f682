import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalBackend } from '../backend.js';
import { parseMessage } from '../delivery/parse-message.js';
import { decodePathSegment } from './http-error.js';
import { notFound, sendBytes, sendJson } from './http-util.js';
import { headerRecord } from './message-headers.js';

export const INSPECTION_PREFIX = '/_emulator';
const MESSAGE = /^\/_emulator\/messages\/([^/]{1,200})$/;
const RAW = /^\/_emulator\/messages\/([^/]{1,200})\/raw$/;
const ATTACHMENT = /^\/_emulator\/messages\/([^/]{1,200})\/attachments\/(\d{1,4})$/;

/**
 * The inspection API for tests and people: health, captured messages (list, raw, parsed, delete),
 * and the local clock. Returns false when the path is not under `/_emulator`. The caller has run
 * the shared request guard (`guardLocalRequest`) first.
 * @throws {HttpError} 400 for a message id with malformed percent-encoding
 */
export async function handleInspection(
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  backend: LocalBackend,
): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith(INSPECTION_PREFIX)) return false;
  const method = request.method ?? 'GET';

  if (path === '/_emulator/health') {
    sendJson(response, 200, { status: 'ok', backend: backend.name, now: backend.now().toISOString() });
  } else if (path === '/_emulator/messages' && method === 'GET') {
    sendJson(response, 200, backend.messages.list(messageFilter(url.searchParams)));
  } else if (path === '/_emulator/clock' && method === 'GET') {
    sendJson(response, 200, { now: backend.now().toISOString() });
  } else if (path === '/_emulator/clock' && method === 'POST') {
    try {
      backend.advanceTime(Number(url.searchParams.get('advanceMs') ?? Number.NaN));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The clock names its own parameter; this route's is `advanceMs`.
      const reason = error.message.replace(/^advanceTime: ms/, 'advanceMs').replace(/^advanceTime: /, '');
      sendJson(response, 400, { error: reason });
      return true;
    }
    const report = await backend.runDue();
    sendJson(response, 200, { now: backend.now().toISOString(), ...report });
  } else {
    return handleMessage(path, method, response, backend);
  }
  return true;
}

async function handleMessage(path: string, method: string, response: ServerResponse, backend: LocalBackend) {
  // HEAD answers what GET would, without the body (Node leaves it out): download tools ask first.
  const reading = method === 'GET' || method === 'HEAD';
  let match = RAW.exec(path);
  if (match && reading) {
    const raw = backend.messages.raw(decodeMessageId(match[1]!));
    if (!raw) notFound(response);
    else sendBytes(response, 200, raw, 'message/rfc822');
    return true;
  }
  match = ATTACHMENT.exec(path);
  if (match && reading) {
    const raw = backend.messages.raw(decodeMessageId(match[1]!));
    const attachment = raw ? (await parseMessage(raw)).attachments[Number(match[2])] : undefined;
    if (!attachment) {
      notFound(response);
      return true;
    }
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': contentDisposition(attachment.filename),
      'content-length': attachment.content.length,
    });
    response.end(attachment.content);
    return true;
  }
  match = MESSAGE.exec(path);
  if (!match) {
    notFound(response);
    return true;
  }
  const id = decodeMessageId(match[1]!);
  if (method === 'DELETE') {
    if (backend.messages.delete(id)) sendJson(response, 200, { deleted: id });
    else notFound(response);
    return true;
  }
  const summary = backend.messages.get(id);
  const raw = backend.messages.raw(id);
  if (!summary || !raw) {
    notFound(response);
    return true;
  }
  const parsed = await parseMessage(raw);
  sendJson(response, 200, {
    ...summary,
    parsed: {
      subject: parsed.subject,
      from: parsed.from?.text,
      to: addressText(parsed.to),
      cc: addressText(parsed.cc),
      replyTo: parsed.replyTo?.text,
      date: parsed.date?.toISOString(),
      messageId: parsed.messageId,
      headers: headerRecord(parsed),
      text: parsed.text,
      html: parsed.html || undefined,
      attachments: parsed.attachments.map((a, index) => ({
        index,
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
      })),
    },
  });
  return true;
}

const decodeMessageId = (segment: string) => decodePathSegment(segment, 'message id');

function messageFilter(params: URLSearchParams) {
  const filter: { to?: string; messageId?: string; subject?: string; limit?: number; offset?: number } = {};
  const to = params.get('to');
  const messageId = params.get('messageId');
  const subject = params.get('subject');
  if (to) filter.to = to;
  if (messageId) filter.messageId = messageId;
  if (subject) filter.subject = subject;
  const limit = Number(params.get('limit') ?? 50);
  const offset = Number(params.get('offset') ?? 0);
  filter.limit = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 500) : 50;
  filter.offset = Number.isInteger(offset) && offset >= 0 ? offset : 0;
  return filter;
}

type AddressField = { text: string } | { text: string }[] | undefined;
function addressText(field: AddressField): string | undefined {
  if (!field) return undefined;
  return Array.isArray(field) ? field.map((a) => a.text).join(', ') : field.text;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the real name percent-encoded, so no
 * byte of the sender's data reaches the header as is, and a plain-ASCII fallback for old clients.
 */
function contentDisposition(name: string | undefined): string {
  const real = (name ?? 'attachment').slice(0, 255);
  const fallback = real.replace(/[^A-Za-z0-9._ -]/g, '_');
  if (fallback === real) return `attachment; filename="${fallback}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(real)}`;
}

/** RFC 5987 `value-chars`: encodeURIComponent leaves `'()*` as they are, which the grammar does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
