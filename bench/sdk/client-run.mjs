// Child process: drives one client at one concurrency against the server and prints a JSON result.
// usage: node client-run.mjs <ours|official|bare> <concurrency> <origin> <durationMs>
import { CLIENTS } from './clients.mjs';

const [kind, concurrencyArg, origin, durationArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const durationMs = Number(durationArg);
const client = await CLIENTS[kind](origin);

async function drive(ms) {
  let done = 0;
  const stopAt = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < stopAt) {
      await client.send();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, seconds: (performance.now() - started) / 1000 };
}

await drive(Math.min(1000, durationMs / 3)); // warm-up: JIT, connections, signing-key cache
const { done, seconds } = await drive(durationMs);
await client.close();
process.stdout.write(`${JSON.stringify({ kind, concurrency, done, perSecond: done / seconds })}\n`);
