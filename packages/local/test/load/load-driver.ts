// Child process of emulator-load.test.ts: drives the emulator at `url` with a mix of reads and sends
// through our SDK for `durationMs` (or `maxRequests` calls), then prints one JSON report line.
// Started with `node --import tsx` from the repo root (its tsconfig maps @ses-cli/sdk to the sources).
import { ApiError, isSesError, SesClient } from '@ses-cli/sdk';

const [url, durationMs, maxRequests, concurrency, templateId, sender] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
if (!url.startsWith('http://127.0.0.1:')) throw new Error('the load driver only talks to loopback');

let rateLimitedAttempts = 0;
const client = new SesClient({
  endpoint: url,
  credentials: {
    secretId: 'AKIDLOCALSESEMULATOR000000000000',
    secretKey: 'localsesemulatorsecretkey0000000',
  },
  env: {},
  region: 'ap-guangzhou',
  maxRetries: 4,
  timeout: 10_000,
  // One line per attempt: count the ones the emulator's rate limit refused (retried by the SDK).
  logger: (line) => {
    if (line.includes(' RateLimitError ')) rateLimitedAttempts += 1;
  },
});

const reads = [
  () => client.invoke('ListEmailTemplates', { Limit: 20, Offset: 0 }),
  () => client.invoke('GetEmailTemplate', { TemplateID: Number(templateId) }),
  () => client.invoke('ListEmailAddress', {}),
  () => client.invoke('ListEmailIdentities', {}),
  () => client.invoke('ListSendTasks', { Limit: 10, Offset: 0 }),
  () => client.invoke('ListReceivers', { Limit: 10, Offset: 0 }),
];
let sequence = 0;
const send = () => {
  sequence += 1;
  return client.invoke('SendEmail', {
    FromEmailAddress: sender,
    Destination: [`load${sequence}@example.org`],
    Subject: `Load ${sequence}`,
    Template: { TemplateID: Number(templateId), TemplateData: JSON.stringify({ name: `n${sequence}` }) },
  });
};

const deadline = Date.now() + Number(durationMs);
const limit = Number(maxRequests);
let started = 0;
let reads_ = 0;
let sends = 0;
const errors: Record<string, number> = {};
const messageIds = new Set<string>();

async function worker(): Promise<void> {
  while (Date.now() < deadline && started < limit) {
    started += 1;
    const isSend = started % 10 < 3; // 30 % sends, 70 % reads
    try {
      if (isSend) {
        const { MessageId } = await send();
        messageIds.add(MessageId as string);
        sends += 1;
      } else {
        await (reads[started % reads.length] as () => Promise<unknown>)();
        reads_ += 1;
      }
    } catch (error) {
      const key = error instanceof ApiError ? error.code : isSesError(error) ? error.name : String(error);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
}

const began = Date.now();
await Promise.all(Array.from({ length: Number(concurrency) }, () => worker()));
await client.close();
process.stdout.write(
  `${JSON.stringify({
    durationMs: Date.now() - began,
    requests: reads_ + sends + Object.values(errors).reduce((a, b) => a + b, 0),
    reads: reads_,
    sends,
    distinctMessageIds: messageIds.size,
    rateLimitedAttempts,
    errors,
  })}\n`,
);
