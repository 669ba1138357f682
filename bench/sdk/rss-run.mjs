// Child process: 10,000 SendEmail calls through our SDK (concurrency 64), then the peak RSS.
// usage: node rss-run.mjs <origin> [count]
import { CLIENTS } from './clients.mjs';

const [origin, countArg] = process.argv.slice(2);
const total = Number(countArg ?? 10_000);
const client = await CLIENTS.ours(origin);
let next = 0;
const worker = async () => {
  while (next < total) {
    next++;
    await client.send();
  }
};
await Promise.all(Array.from({ length: 64 }, worker));
await client.close();
// resourceUsage().maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ sends: total, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
