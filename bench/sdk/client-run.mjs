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
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return { done, seconds: (performance.now() - started) / 1000, cpuMicros: used.user + used.system };
}

await drive(Math.min(2000, durationMs / 3)); // warm-up: JIT, connections, signing-key cache
const { done, seconds, cpuMicros } = await drive(durationMs);
await client.close();
// CPU time per call is the client's own cost, and less sensitive than wall time to a busy machine.
const result = { kind, concurrency, done, perSecond: done / seconds, cpuMicrosPerCall: cpuMicros / done };
process.stdout.write(`${JSON.stringify(result)}\n`);
