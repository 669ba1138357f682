import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalBackend, type LocalBackend } from '@ses-cli/local';
import { calendarDate, DEFAULT_WARMUP_PLAN, MAX_RECIPIENTS_PER_UPLOAD, SesClient } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, parseCount } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { addDays, label, TASK_STATUS } from './shared.js';
import { barChart, funnelOf, funnelText, ratesOf } from './stats.js';
import { warmupReport } from './warmup.js';

const DOMAIN = 'mail.acme-demo.com';
const SENDER = `news@${DOMAIN}`;
const DAY_MS = 86_400_000;

/** The simulator mix: who opens, clicks, bounces, complains, unsubscribes (per 1,000 recipients). */
const SIMULATED: readonly [string, number][] = [
  ['open', 40],
  ['click', 25],
  ['bounce', 15],
  ['complaint', 5],
  ['unsubscribe', 10],
];

const HTML = `<h1>Hello {{name}},</h1>
<p>Our spring sale starts today. Use the code <b>{{code}}</b> at checkout for 20% off everything in the shop.</p>
<p><a href="https://shop.acme-demo.com/sale?c={{code}}">Open the sale</a></p>
<p>Acme Demo Shop, 1 Example Street. You get this email because you are a customer.</p>`;
const TEXT = `Hello {{name}},
Our spring sale starts today. Use the code {{code}} at checkout for 20% off everything in the shop.
Open the sale: https://shop.acme-demo.com/sale?c={{code}}
Acme Demo Shop, 1 Example Street.`;

/**
 * `demo`: a real scenario on a fresh local backend — domain, sender, template, a group of
 * recipients with data, a batch task larger than day 1's warm-up quota, then day-by-day time
 * travel with the warm-up and task progress, and the final funnel from GetStatisticsReport.
 */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const recipients = parseCount(input.opts.recipients ?? 3000, '--recipients', { min: 10, max: 50_000 });
  const maxDays = parseCount(input.opts.days ?? 4, '--days', { min: 1, max: 60 });
  const given = optString(input.raw.dataDir);
  // The scenario creates its domain, sender and group from scratch: it needs a fresh directory.
  if (given !== undefined && existsSync(join(given, 'ses.db'))) {
    throw new UsageError(
      `--data-dir ${given} already holds data (an earlier demo?); give a new or empty directory`,
    );
  }
  const dataDir = given ?? (await mkdtemp(join(tmpdir(), 'ses-cli-demo-')));
  const say = (line: string) => session.ui.info(line);
  const backend = createLocalBackend({ dataDir, ...(session.cli.now ? { now: session.cli.now } : {}) });
  const ses = new SesClient({ backend });
  const call = async (action: string, payload: Wire): Promise<Wire> =>
    (await ses.invoke(action as never, payload as never)) as Wire;
  try {
    say(`ses-cli demo · local backend · data in ${dataDir}`);
    await call('CreateEmailIdentity', { EmailIdentity: DOMAIN });
    const identity = await call('UpdateEmailIdentity', { EmailIdentity: DOMAIN });
    say(
      `1. domain ${DOMAIN}: ${identity.VerifiedForSendingStatus === true ? 'verified' : 'pending'} (SPF, DKIM, DMARC, MX)`,
    );
    await call('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Acme News' });
    say(`2. sender "Acme News <${SENDER}>"`);
    const template = await call('CreateEmailTemplate', {
      TemplateName: 'spring-sale',
      TemplateContent: { Html: b64(HTML), Text: b64(TEXT) },
    });
    const templateId = Number(template.TemplateID);
    say(`3. template ${templateId} "spring-sale" with variables {{name}} and {{code}}`);
    const group = await call('CreateReceiver', { ReceiversName: 'spring-customers', Desc: 'demo customers' });
    const receiverId = Number(group.ReceiverId);
    const rows = demoRecipients(recipients);
    // One upload at a time per group, each at most 20,000 rows, like the service.
    for (let start = 0; start < rows.length; start += MAX_RECIPIENTS_PER_UPLOAD) {
      const Datas = rows.slice(start, start + MAX_RECIPIENTS_PER_UPLOAD);
      await call('CreateReceiverDetailWithData', { ReceiverId: receiverId, Datas });
      await waitUpload(backend, call, receiverId);
    }
    const simulated = rows.filter((r) => r.Email.endsWith('@simulator.test')).length;
    say(
      `4. group ${receiverId}: ${rows.length.toLocaleString('en-US')} recipients uploaded (${simulated} simulator addresses)`,
    );
    const subject = 'Spring sale: 20% off with {{code}}';
    const task = await call('BatchSendEmail', {
      FromEmailAddress: `Acme News <${SENDER}>`,
      ReceiverId: receiverId,
      Subject: subject,
      TaskType: 1,
      Template: { TemplateID: templateId, TemplateData: '{}' },
    });
    const taskId = Number(task.TaskId);
    say(
      `5. batch task ${taskId}: ${rows.length.toLocaleString('en-US')} emails; day 1 of the warm-up allows ${DEFAULT_WARMUP_PLAN.days[0]?.limit}`,
    );

    const firstDay = calendarDate(backend.now());
    const days: Record<string, unknown>[] = [];
    for (let day = 1; day <= maxDays; day++) {
      if (day > 1) backend.advanceTime(DAY_MS);
      await backend.runDue();
      const wire = await findTask(call, taskId);
      const warm = await warmupReport(demoSession(session, call), DOMAIN, backend.now(), DEFAULT_WARMUP_PLAN);
      const row = {
        date: warm.today,
        planDay: warm.day,
        quota: warm.quota,
        sentToday: warm.sentToday,
        cached: Number(wire.CacheCount ?? 0),
        sent: Number(wire.SendCount ?? 0),
        requested: Number(wire.RequestCount ?? 0),
        task: label(TASK_STATUS, wire.TaskStatus),
      };
      days.push(row);
      say(
        `   day ${row.planDay} (${row.date}): quota ${row.quota}, sent today ${row.sentToday}, cached ${row.cached}, task ${row.sent}/${row.requested} ${row.task}`,
      );
      if (Number(wire.TaskStatus) === 10) break;
    }
    const lastDay = calendarDate(backend.now());
    const report = await call('GetStatisticsReport', { StartDate: firstDay, EndDate: lastDay });
    const total = funnelOf((report.OverallVolume as Wire | undefined) ?? {});
    const daily = ((report.DailyVolumes as Wire[] | undefined) ?? []).map((v) => ({
      date: String(v.SendDate),
      ...funnelOf(v),
    }));
    return {
      kind: 'sections',
      sections: [
        {
          kind: 'table',
          rows: days,
          columns: [
            { key: 'date', header: 'Date' },
            { key: 'planDay', header: 'Plan day', align: 'right' },
            { key: 'quota', header: 'Quota', align: 'right' },
            { key: 'sentToday', header: 'Sent today', align: 'right' },
            { key: 'cached', header: 'Cached', align: 'right' },
            { key: 'sent', header: 'Task sent', align: 'right' },
            { key: 'task', header: 'Task status' },
          ],
        },
        { kind: 'text', text: funnelText(total, firstDay, lastDay) },
        { kind: 'text', text: barChart(daily) },
      ],
      json: {
        dataDir,
        domain: DOMAIN,
        templateId,
        receiverId,
        taskId,
        days,
        funnel: total,
        rates: ratesOf(total),
        daily,
        end: addDays(lastDay, 0),
      },
    };
  } finally {
    await ses.close();
  }
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Ordinary customers plus simulator addresses (with +labels) in a fixed, repeatable mix. */
export function demoRecipients(count: number): { Email: string; TemplateData: string }[] {
  const rows: { Email: string; TemplateData: string }[] = [];
  const names = ['Ana', 'Bo', 'Chen', 'Dara', 'Eli', 'Fei', 'Gus', 'Hana'];
  for (const [kind, perThousand] of SIMULATED) {
    const n = Math.max(1, Math.round((count * perThousand) / 1000));
    for (let i = 1; i <= n && rows.length < count; i++)
      rows.push(row(`${kind}+${i}@simulator.test`, names[i % names.length] ?? 'Ana', i));
  }
  for (let i = 1; rows.length < count; i++)
    rows.push(row(`customer${i}@example.com`, names[i % names.length] ?? 'Ana', i));
  return rows;
}

function row(email: string, name: string, i: number) {
  return {
    Email: email,
    TemplateData: JSON.stringify({ name, code: `SPRING${String(i).padStart(4, '0')}` }),
  };
}

async function waitUpload(backend: LocalBackend, call: (a: string, p: Wire) => Promise<Wire>, id: number) {
  for (let i = 0; i < 100; i++) {
    await backend.runDue();
    const out = await call('ListReceivers', { Offset: 0, Limit: 100 });
    const group = ((out.Data as Wire[] | undefined) ?? []).find((g) => Number(g.ReceiverId) === id);
    if (Number(group?.ReceiversStatus) === 3) return;
  }
}

async function findTask(call: (a: string, p: Wire) => Promise<Wire>, id: number): Promise<Wire> {
  const out = await call('ListSendTasks', { Offset: 0, Limit: 100 });
  return ((out.Data as Wire[] | undefined) ?? []).find((t) => Number(t.TaskId) === id) ?? {};
}

/** The demo's own backend behind the Session interface `warmupReport` reads through. */
function demoSession(session: Session, call: (a: string, p: Wire) => Promise<Wire>): Session {
  return { ...session, call: (action, payload = {}) => call(action, payload) };
}
