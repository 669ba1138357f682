import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { parseCount } from '../parse/values.js';
import type { Session } from '../session.js';

/**
 * `serve`: the emulator on a local port until Ctrl-C or SIGTERM, which stop it cleanly (exit 0).
 * Under `--json` the start document (url, the public local key pair) is the run's one JSON document
 * on stdout, and stderr is JSON lines: each warning (a failed webhook) as it happens.
 */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  if (session.globals.backend !== 'local')
    throw new UsageError('serve runs the local emulator (--backend local)');
  const port = parseCount(input.opts.port ?? 4599, '--port', { min: 0, max: 65_535 });
  const host = String(input.opts.host ?? '127.0.0.1');
  const custom = input.opts.webhookCustom === undefined ? {} : { custom: String(input.opts.webhookCustom) };
  const webhooks = asList(input.opts.webhook).map((url) => ({ url: webhookUrl(url), ...custom }));
  const allowedHosts = asList(input.opts.allowedHost).map(hostName);
  // Live diagnostics from here on: a warning must not wait for the end of a run that may last for
  // days (or be lost when it is killed).
  session.ui.streamWarnings();
  const { startEmulator } = await import('../backends/emulator.js');
  const dataDir = await session.dataDir();
  const emulator = await startEmulator({
    port,
    host,
    allowedHosts,
    dataDir,
    webhooks,
    rateLimits: input.opts.rateLimits !== false,
    log: (line) => session.ui.warn(line),
  });
  try {
    const key = emulator.keys[0];
    // The key pair is the emulator's documented, public local pair (never a Tencent Cloud key): it
    // is printed so clients can sign, in text and under --json alike.
    const started = {
      url: emulator.url,
      dataDir,
      secretId: key?.secretId ?? null,
      secretKey: key?.secretKey ?? null,
      dashboard: `${emulator.url}/ui`,
      webhooks: webhooks.map((hook) => hook.url),
    };
    session.emitJson(started);
    session.ui.info(`SES emulator listening on ${emulator.url} (data: ${dataDir})`);
    if (key) session.ui.info(`local keys: SecretId=${key.secretId} SecretKey=${key.secretKey}`);
    session.ui.info(`dashboard: ${started.dashboard}`);
    for (const hook of webhooks) session.ui.info(`webhook: ${hook.url}`);
    session.ui.info('Point any Tencent Cloud client at this endpoint; Ctrl-C stops.');
    // Ctrl-C is how serve ends: the emulator closes and the run succeeds.
    await session.untilInterrupted();
  } finally {
    await emulator.close();
  }
  return { kind: 'message', message: 'emulator stopped', json: { url: emulator.url, stopped: true } };
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

// A host name or an IPv4 literal: what a Host header can carry, without a port. Labels may hold `_`
// (Docker Compose service names such as `ses_emu`); a `-` neither starts nor ends one.
const HOST_NAME =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

function hostName(value: string): string {
  if (!HOST_NAME.test(value)) throw new UsageError(`--allowed-host: "${value}" is not a host name`);
  return value;
}

function webhookUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {}
  throw new UsageError(`--webhook: "${value}" is not an http(s) URL`);
}
