// Child process: drives one action through our SDK (SesClient + HttpBackend from the built dist) at
// one concurrency against one origin, and prints a JSON result.
// usage: node client-run.mjs <GetEmailTemplate|SendEmail> <origin> <templateId> <concurrency> <durationMs>
import { SesClient } from '../../packages/sdk/dist/index.js';

const [action, origin, templateArg, concurrencyArg, durationArg] = process.argv.slice(2);
const templateId = Number(templateArg);
const concurrency = Number(concurrencyArg);
const durationMs = Number(durationArg);
// The emulator's documented public key pair (the floor server does not check signatures).
const credentials = {
  secretId: 'AKIDLOCALSESEMULATOR000000000000',
  secretKey: 'localsesemulatorsecretkey0000000',
};
const client = new SesClient({
  endpoint: origin,
  credentials,
  region: 'ap-guangzhou',
  env: {},
  maxRetries: 0,
});

let sent = 0;
const calls = {
  GetEmailTemplate: () => client.invoke('GetEmailTemplate', { TemplateID: templateId }),
  // A new recipient each time: the engine allows 10 emails per recipient per hour, as the service does.
  SendEmail: () =>
    client.invoke('SendEmail', {
      FromEmailAddress: 'Bench <noreply@mail.example.com>',
      Destination: [`user${process.pid}-${sent++}@example.com`],
      Subject: 'Your code',
      Template: { TemplateID: templateId, TemplateData: '{"code":"123456"}' },
    }),
};
const once = calls[action];

async function drive(ms) {
  let done = 0;
  const stopAt = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < stopAt) {
      await once();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, seconds: (performance.now() - started) / 1000 };
}

await drive(Math.min(1000, durationMs / 3)); // warm-up: JIT, connections, signing-key and statement caches
const { done, seconds } = await drive(durationMs);
await client.close();
process.stdout.write(`${JSON.stringify({ action, concurrency, done, perSecond: done / seconds })}\n`);
