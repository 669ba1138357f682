// A sender, a template and a recipient group ready for a batch, through any invoke function (the
// in-process backend or our SDK over HTTP), and the outbox's recipients.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Invoke = (action: string, payload: Record<string, unknown>) => Promise<Record<string, unknown>>;

export const SENDER = 'news@mail.reliability.example';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** `n` distinct recipient addresses. */
export const recipients = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@example.net`);

/** Creates everything a batch needs, waits until the group is processed, and starts the batch. */
export async function startBatch(
  invoke: Invoke,
  n: number,
  runDue?: () => Promise<unknown>,
): Promise<number> {
  await invoke('CreateEmailIdentity', { EmailIdentity: 'mail.reliability.example' });
  await invoke('CreateEmailAddress', { EmailAddress: SENDER });
  const { TemplateID } = await invoke('CreateEmailTemplate', {
    TemplateName: 'rel',
    TemplateContent: { Text: b64('Hello {{name}}') },
  });
  const { ReceiverId } = await invoke('CreateReceiver', { ReceiversName: 'rel' });
  await invoke('CreateReceiverDetailWithData', {
    ReceiverId,
    Datas: recipients(n).map((Email, i) => ({ Email, TemplateData: JSON.stringify({ name: `N${i}` }) })),
  });
  for (let i = 0; ; i++) {
    await runDue?.();
    const { Data } = await invoke('ListReceivers', { Offset: 0, Limit: 1 });
    if ((Data as { ReceiversStatus: number }[])[0]?.ReceiversStatus === 3) break;
    if (i > 400) throw new Error('the recipient group was never processed');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const { TaskId } = await invoke('BatchSendEmail', {
    FromEmailAddress: SENDER,
    ReceiverId,
    Subject: 'Hi {{name}}',
    TaskType: 1,
    Template: { TemplateID, TemplateData: '{}' },
  });
  return TaskId as number;
}

/** The `To:` address of every `.eml` in the outbox. */
export function outboxRecipients(dataDir: string): string[] {
  const dir = join(dataDir, 'outbox');
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.eml'));
  } catch {
    return [];
  }
  return files.map((file) => {
    const head = readFileSync(join(dir, file), 'latin1').slice(0, 4000);
    return /^To: (.+)$/m.exec(head)?.[1]?.trim() ?? '';
  });
}
