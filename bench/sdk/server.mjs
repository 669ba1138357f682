// A loopback stand-in for SES: answers every POST with a SendEmail success envelope. It does not
// verify signatures (the official client signs the host without the port), so every client pays
// only for its own work. Prints its port on stdout once listening.
//
// `node:net` with just enough HTTP/1.1 (request line, headers, Content-Length bodies, keep-alive,
// pipelined requests, `Connection: close`) instead of `node:http`: on a 2-vCPU machine the server
// shares the cores with the client under test, and node:http's per-request cost (IncomingMessage,
// ServerResponse, header objects) took CPU away from whichever client was fastest. Every client hits
// this same server in the same run. `node server.mjs http` starts the former node:http server, to
// compare. The response carries the headers node:http sends (Date, keep-alive), so clients do the
// same work with either server.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';

const KEEP_ALIVE_MS = 30_000;
let counter = 0;
const envelope = () => {
  counter++;
  return `{"Response":{"MessageId":"qcloudses-bench-${counter}","RequestId":"bench-${counter}"}}`;
};

function httpServer() {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = envelope();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}

// node:http caches its Date header per second too.
let date = new Date().toUTCString();
setInterval(() => {
  date = new Date().toUTCString();
}, 1000).unref();

const HEADER_END = Buffer.from('\r\n\r\n');

/** Byte offset just past one complete request at the start of `buf`, or -1 if it is incomplete. */
function requestEnd(buf, start, state) {
  const headerEnd = buf.indexOf(HEADER_END, start);
  if (headerEnd < 0) return -1;
  // Up to and including the last header line's CRLF, so every line ends in \r.
  const head = buf.latin1Slice(start, headerEnd + 2).toLowerCase();
  const lengthAt = head.indexOf('\ncontent-length:');
  if (head.includes('\ntransfer-encoding:')) throw new Error('chunked request bodies are not supported');
  const length =
    lengthAt < 0 ? 0 : Number.parseInt(head.slice(lengthAt + 16, head.indexOf('\r', lengthAt + 16)), 10);
  state.close = head.includes('\nconnection: close');
  const end = headerEnd + 4 + length;
  return end <= buf.length ? end : -1;
}

function respond(close) {
  const body = envelope();
  return (
    `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nDate: ${date}\r\n` +
    `Connection: ${close ? 'close' : `keep-alive\r\nKeep-Alive: timeout=${KEEP_ALIVE_MS / 1000}`}\r\n\r\n${body}`
  );
}

function netServer() {
  return createNetServer({ noDelay: true }, (socket) => {
    let pending = null;
    const state = { close: false };
    socket.setTimeout(KEEP_ALIVE_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      let out = '';
      for (;;) {
        let end;
        try {
          end = requestEnd(buf, start, state);
        } catch {
          socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          return;
        }
        if (end < 0) break;
        out += respond(state.close);
        start = end;
        if (state.close) break;
      }
      pending = start < buf.length ? buf.subarray(start) : null;
      if (out) {
        if (state.close) socket.end(out);
        else socket.write(out);
      }
    });
  });
}

const server = process.argv[2] === 'http' ? httpServer() : netServer();
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  // Keep-alive sockets would hold close() open; the benchmark is over.
  setTimeout(() => process.exit(0), 200).unref();
});
