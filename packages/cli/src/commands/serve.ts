import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { parseCount } from '../parse/values.js';
import type { Session } from '../session.js';

/** `serve`: the emulator on a local port until Ctrl-C. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  if (session.globals.backend !== 'local')
    throw new UsageError('serve runs the local emulator (--backend local)');
  const port = parseCount(input.opts.port ?? 4599, '--port', { min: 0, max: 65_535 });
  const host = String(input.opts.host ?? '127.0.0.1');
  const custom = input.opts.webhookCustom === undefined ? {} : { custom: String(input.opts.webhookCustom) };
  const webhooks = asList(input.opts.webhook).map((url) => ({ url: webhookUrl(url), ...custom }));
  const { startEmulator } = await import('../backends/emulator.js');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(session.globals.dataDir, { recursive: true });
  const emulator = await startEmulator({
    port,
    host,
    dataDir: session.globals.dataDir,
    webhooks,
    rateLimits: input.opts.rateLimits !== false,
    log: (line) => session.ui.warn(line),
  });
  const key = emulator.keys[0];
  // The key pair is the documented, public local pair, not a secret: print it so clients can sign.
  session.ui.info(`SES emulator listening on ${emulator.url} (data: ${session.globals.dataDir})`);
  if (key) session.ui.info(`local keys: SecretId=${key.secretId} SecretKey=${key.secretKey}`);
  session.ui.info(`dashboard: ${emulator.url}/ui`);
  for (const hook of webhooks) session.ui.info(`webhook: ${hook.url}`);
  session.ui.info('Point any Tencent Cloud client at this endpoint; Ctrl-C stops.');
  await new Promise<void>((resolve) => {
    if (session.cli.signal?.aborted) return resolve();
    session.cli.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await emulator.close();
  return { kind: 'message', message: 'emulator stopped', json: { url: emulator.url, stopped: true } };
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function webhookUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {}
  throw new UsageError(`--webhook: "${value}" is not an http(s) URL`);
}
