import { createSocket, type RemoteInfo } from 'node:dgram';
import type { AddressInfo } from 'node:net';

// A tiny authoritative DNS server over UDP on 127.0.0.1 (RFC 1035 wire format, TXT and MX only),
// so the system resolver can be tested against real DNS packets without any outside network.

/** Records served, keyed by lower-case name. TXT values are lists of character-strings. */
export interface Zone {
  txt?: Record<string, string[][]>;
  mx?: Record<string, { exchange: string; priority: number }[]>;
}

const TYPE_TXT = 16;
const TYPE_MX = 15;

function readName(packet: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  for (let length = packet[at] ?? 0; length > 0; length = packet[at] ?? 0) {
    labels.push(packet.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  return { name: labels.join('.'), end: at + 1 };
}

function encodeName(name: string): Buffer {
  const parts = name
    .replace(/\.$/, '')
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function answer(type: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  fixed.writeUInt16BE(type, 2);
  fixed.writeUInt16BE(1, 4); // class IN
  fixed.writeUInt32BE(60, 6); // TTL
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}

function respond(query: Buffer, zone: Zone): Buffer {
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const key = name.toLowerCase();
  const answers: Buffer[] = [];
  if (type === TYPE_TXT) {
    for (const strings of zone.txt?.[key] ?? []) {
      const rdata = Buffer.concat(
        strings.map((s) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)])),
      );
      answers.push(answer(TYPE_TXT, rdata));
    }
  } else if (type === TYPE_MX) {
    for (const mx of zone.mx?.[key] ?? []) {
      const preference = Buffer.alloc(2);
      preference.writeUInt16BE(mx.priority);
      answers.push(answer(TYPE_MX, Buffer.concat([preference, encodeName(mx.exchange)])));
    }
  }
  const known = key in (zone.txt ?? {}) || key in (zone.mx ?? {});
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(0x8580 | (known ? 0 : 3), 2); // response, authoritative, RD+RA; NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, end + 4), ...answers]);
}

/** Starts the server; `queries` lists `name/type` of every question received. */
export async function startDnsServer(zone: Zone) {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query: Buffer, peer: RemoteInfo) => {
    const { name, end } = readName(query, 12);
    queries.push(`${name.toLowerCase()}/${query.readUInt16BE(end)}`);
    socket.send(respond(query, zone), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
