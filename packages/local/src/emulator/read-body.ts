import type { IncomingMessage } from 'node:http';

/** Thrown when a body is over the limit; the request has been drained, not buffered. */
export class BodyTooLargeError extends Error {}

/** Thrown when the client closed the connection before sending its whole body. */
export class ClientGoneError extends Error {}

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops buffering (memory stays bounded
 * whatever a client sends) but keeps draining so the answer can still be written on the socket.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    request.on('end', () => {
      ended = true;
      if (tooLarge) reject(new BodyTooLargeError());
      else resolve(Buffer.concat(chunks, size));
    });
    request.on('error', reject);
    // A client that hangs up mid-body gets neither 'end' nor always 'error': without this the
    // handler would wait forever.
    request.on('close', () => {
      if (!ended) reject(new ClientGoneError());
    });
  });
}
