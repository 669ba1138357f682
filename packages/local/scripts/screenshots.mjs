// Regenerates the dashboard screenshots in docs/img/ (outbox, email view, tasks, warm-up, funnel).
// Run from the repository root: pnpm --filter @ses-cli/local screenshots
// Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH). Runs the sources through tsx, on a
// frozen clock, so the pictures only change when the dashboard does.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SesClient } from '../../sdk/src/index.ts';
import { buildDashboard } from '../dashboard-ui/build.ts';
import { createLocalBackend } from '../src/backend.ts';
import { handleDashboard } from '../src/dashboard/index.ts';
import { handleInspection } from '../src/emulator/inspection-routes.ts';
import { handleTracking } from '../src/emulator/tracking-routes.ts';
import { launchChromium } from '../test/dashboard/browser.ts';

const OUT = fileURLToPath(new URL('../../../docs/img/', import.meta.url));
/** 10 March 2026, 10:00 in Shanghai. */
const START = Date.UTC(2026, 2, 10, 2, 0, 0);
const DAY = 86_400_000;
const DOMAIN = 'mail.example.com';
const SENDER = `news@${DOMAIN}`;
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

const work = mkdtempSync(join(tmpdir(), 'ses-screenshots-'));
const assetsDir = join(work, 'assets');
await buildDashboard(assetsDir);

let backend;
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://screenshots.local');
  (async () => {
    if (handleTracking(url.pathname, request, response, backend)) return;
    if (await handleInspection(url, request, response, backend)) return;
    if (await handleDashboard(url, request, response, backend, { assetsDir })) return;
    response.writeHead(404).end();
  })().catch((error) => {
    console.error(error);
    response.destroy();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
backend = createLocalBackend({ dataDir: join(work, 'data'), now: () => START, trackingBaseUrl: base });
const ses = new SesClient({ backend, env: {}, maxRetries: 0 });

async function template(name, html, text) {
  const created = await ses.invoke('CreateEmailTemplate', {
    TemplateName: name,
    TemplateContent: { Html: b64(html), Text: b64(text) },
  });
  return created.TemplateID;
}

async function send(to, subject, templateId, data = {}, extra = {}) {
  const answer = await ses.invoke('SendEmail', {
    FromEmailAddress: SENDER,
    Destination: [to],
    Subject: subject,
    Template: { TemplateID: templateId, TemplateData: JSON.stringify(data) },
    ...extra,
  });
  await backend.runDue();
  return answer.MessageId;
}

async function clickFirstLink(id) {
  const detail = await (await fetch(`${base}/ui/api/messages/${encodeURIComponent(id)}`)).json();
  const link = /href="([^"]*\/t\/click\/[^"]+)"/.exec(detail.html ?? '')?.[1];
  if (link) await fetch(link, { redirect: 'manual' });
}

await ses.invoke('CreateEmailIdentity', { EmailIdentity: DOMAIN });
await ses.invoke('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Example News' });
const welcome = await template(
  'welcome',
  `<div style="font-family:Arial,sans-serif;max-width:560px;margin:0 auto;color:#1d2330">
  <h1 style="color:#2f6fed">Welcome aboard, {{name}}!</h1>
  <p>Thanks for signing up. Your account is ready: start with the guided tour, it takes two minutes.</p>
  <p><a href="https://example.com/tour" style="display:inline-block;background:#2f6fed;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Take the tour</a></p>
  <p style="color:#6b7385;font-size:13px">Questions? Reply to this email or read the <a href="https://example.com/help">help centre</a>.</p>
</div>`,
  'Welcome aboard, {{name}}! Take the tour: https://example.com/tour',
);
const newsletter = await template(
  'newsletter',
  '<h2>Spring news, {{name}}</h2><p>What is new this month. <a href="https://example.com/spring">Read more</a></p>',
  'Spring news, {{name}}: https://example.com/spring',
);
const receipt = await template(
  'receipt',
  '<p>Hi {{name}}, your receipt for order {{order}} is attached.</p>',
  'Hi {{name}}, your receipt for order {{order}} is attached.',
);

// A list of 4,000 for the batch: the warm-up sends 500, 1,000 and 2,000 on days 1 to 3.
const group = await ses.invoke('CreateReceiver', { ReceiversName: 'spring-campaign' });
const emails = Array.from({ length: 4000 }, (_, i) => ({
  Email: `reader${i}@example.net`,
  TemplateData: JSON.stringify({ name: `Reader ${i}` }),
}));
await ses.invoke('CreateReceiverDetailWithData', { ReceiverId: group.ReceiverId, Datas: emails });
await backend.runDue();
await ses.invoke('BatchSendEmail', {
  FromEmailAddress: SENDER,
  ReceiverId: group.ReceiverId,
  Subject: 'Spring newsletter',
  TaskType: 1,
  Template: { TemplateID: newsletter, TemplateData: '{}' },
});
await backend.runDue();

const people = ['ana', 'bo', 'chen', 'dana', 'eli', 'fei'];
for (let day = 0; day < 3; day++) {
  if (day > 0) {
    backend.advanceTime(DAY);
    await backend.runDue();
  }
  for (const [index, person] of people.entries()) {
    if ((index + day) % 2 === 0) continue;
    const id = await send(`${person}${day}@example.com`, 'Welcome to Example', welcome, { name: person });
    if (index % 3 === 0) await clickFirstLink(id);
  }
  await send(`bounce+${day}@simulator.test`, 'Welcome to Example', welcome, { name: 'bounce' });
  await send(`open+${day}@simulator.test`, 'Welcome to Example', welcome, { name: 'open' });
}
await send('unsubscribe@simulator.test', 'Spring newsletter', newsletter, { name: 'Sam' });
await send('click@simulator.test', 'Welcome to Example', welcome, { name: 'Kim' });
await send(
  'li.wei@example.com',
  'Your receipt for order 1042',
  receipt,
  { name: 'Li', order: '1042' },
  {
    Attachments: [{ FileName: 'receipt-1042.pdf', Content: b64('%PDF-1.4 receipt 1042') }],
  },
);
const shown = await send('ana.silva@example.com', 'Welcome to Example', welcome, { name: 'Ana' });
await clickFirstLink(shown);

// A scheduled task for next week, still waiting.
await ses.invoke('BatchSendEmail', {
  FromEmailAddress: SENDER,
  ReceiverId: group.ReceiverId,
  Subject: 'Spring sale starts',
  TaskType: 2,
  Template: { TemplateID: newsletter, TemplateData: '{}' },
  TimedParam: { BeginTime: '2026-03-19 09:00:00' },
});

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
const shots = [
  { name: 'outbox', path: '/ui', ready: '[data-testid=outbox-row]' },
  {
    name: 'email',
    path: `/ui/messages/${encodeURIComponent(shown)}`,
    ready: '[data-testid=event][data-type=click]',
  },
  { name: 'tasks', path: '/ui/tasks', ready: '[data-testid=task-row]' },
  { name: 'warmup', path: '/ui/warmup', ready: '[data-testid=warmup-sent-bar]' },
  { name: 'funnel', path: '/ui/funnel', ready: '[data-testid=funnel-total-requested]' },
];
for (const shot of shots) {
  await page.goto(`${base}${shot.path}`);
  await page.locator(shot.ready).first().waitFor();
  if (shot.name === 'email') await page.frameLocator('iframe.mail-frame').locator('h1').waitFor();
  const file = join(OUT, `dashboard-${shot.name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}`);
}

await browser.close();
await new Promise((resolve) => server.close(resolve));
await backend.close();
rmSync(work, { recursive: true, force: true });
