import type { ServerResponse } from 'node:http';

/** Answers a JSON document. */
export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBytes(response, status, Buffer.from(JSON.stringify(value)), 'application/json; charset=utf-8');
}

/** Answers text (HTML pages, plain messages). */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
): void {
  sendBytes(response, status, Buffer.from(text), type);
}

/** Answers bytes as they are (a raw `.eml` need not be valid UTF-8). */
export function sendBytes(response: ServerResponse, status: number, bytes: Buffer, type: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
  response.end(bytes);
}

/** The inspection and tracking routes' answer for anything unknown. */
export function notFound(response: ServerResponse): void {
  sendJson(response, 404, { error: 'not found' });
}
