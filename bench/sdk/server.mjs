// A loopback stand-in for SES: answers every POST with a SendEmail success envelope. It does not
// verify signatures (the official client signs the host without the port), so every client pays
// only for its own work. Prints its port on stdout once listening.
import { createServer } from 'node:http';

let counter = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    counter++;
    const body = `{"Response":{"MessageId":"qcloudses-bench-${counter}","RequestId":"bench-${counter}"}}`;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
