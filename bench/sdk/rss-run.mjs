// Child process: 10,000 SendEmail calls through our SDK at a given concurrency, then the peak RSS.
// usage: node rss-run.mjs <origin> <concurrency> [count]
import { CLIENTS } from './clients.mjs';

const [origin, concurrencyArg, countArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg ?? 1);
const total = Number(countArg ?? 10_000);
const baselineMb = process.resourceUsage().maxRSS / 1024;
const client = await CLIENTS.ours(origin);
const loadedMb = process.resourceUsage().maxRSS / 1024;
let next = 0;
const worker = async () => {
  while (next < total) {
    next++;
    await client.send();
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
await client.close();
// resourceUsage().maxRSS is in kilobytes.
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ sends: total, concurrency, baselineMb, loadedMb, maxRssMb })}\n`);
