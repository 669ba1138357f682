import { readFileSync } from 'node:fs';
import { DEFAULT_REGION, profileRegion } from '@ses-cli/sdk';
import { type ProfileSettings, readConfigFile, writePrivateFile } from '../config/file.js';
import { credentialFilePath, exposedFileWarning } from '../config/permissions.js';
import { type ResolvedSettings, resolveProfile, resolveSettings } from '../config/resolve.js';
import { configFilePath } from '../context.js';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString } from '../parse/values.js';
import { Prompter } from '../prompt.js';
import type { Session } from '../session.js';
import { readSecret } from './senders.js';

const mask = (value: string) => (value.length <= 4 ? '****' : `${value.slice(0, 4)}${'*'.repeat(8)}`);

/** `configure` (save a profile) and `config list` (resolved settings with sources). */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  return input.command === 'config list' ? list(input, session) : configure(input, session);
}

async function configure(input: CommandInput, session: Session): Promise<CommandResult> {
  const env = session.cli.env;
  const raw = input.raw;
  const profile = resolveProfile(raw, env).value;
  const path = configFilePath(env);
  const file = readConfigFile(path);
  const current = file.profiles[profile] ?? {};
  const next = { ...current };
  if (optString(raw.backend)) next.backend = raw.backend as 'local' | 'tencent';
  if (optString(raw.region)) next.region = String(raw.region);
  if (optString(raw.endpoint)) next.endpoint = String(raw.endpoint);
  if (optString(raw.dataDir)) next.dataDir = String(raw.dataDir);
  let secretId = optString(input.opts.secretId);
  let keyFlag = optString(input.opts.secretKey);
  const keyStdin = input.opts.secretKeyStdin === true;
  // Every flag is checked, and every secret read, before anything is written.
  if (keyFlag && keyStdin) throw new UsageError('--secret-key and --secret-key-stdin: give one, not both');
  if ((keyFlag || keyStdin) && !secretId) {
    throw new UsageError(`${keyFlag ? '--secret-key' : '--secret-key-stdin'} needs --secret-id`);
  }
  const flagsGiven = [raw.backend, raw.region, raw.endpoint, raw.dataDir, secretId, keyFlag].some(optString);
  if (!flagsGiven && !keyStdin && session.cli.stdin.isTTY === true) {
    ({ secretId, secretKey: keyFlag } = await askProfile(session, profile, next));
  }
  const secretKey = !secretId
    ? undefined
    : (keyFlag ??
      (await readSecret(session, 'TENCENTCLOUD_SECRET_KEY', 'SecretKey: ', {
        ...(keyStdin ? { stdinFlag: '--secret-key-stdin' } : {}),
      })));
  // Credentials go where tccli and the SDK read them: ~/.tccli/<profile>.credential (0600).
  const credential = secretId ? credentialFilePath(env, profile) : undefined;
  file.profiles[profile] = next;
  writePrivateFile(path, `${JSON.stringify(file, null, 2)}\n`);
  const saved: Record<string, unknown> = { profile, config: path, ...next };
  if (secretId && secretKey && credential) {
    writePrivateFile(credential, `${JSON.stringify({ secretId, secretKey }, null, 2)}\n`);
    saved.credentials = credential;
    saved.secretId = mask(secretId);
  }
  return { kind: 'object', value: saved, json: saved };
}

/**
 * Interactive `configure` on a terminal with no flags: asks for each setting (the current value is
 * the default) and for the key pair, the SecretKey without echo. Fills `next`; returns the keys.
 */
async function askProfile(
  session: Session,
  profile: string,
  next: ProfileSettings,
): Promise<{ secretId: string | undefined; secretKey: string | undefined }> {
  const prompter = new Prompter(session);
  session.ui.info(`Configuring profile "${profile}" (Enter keeps the value in brackets).`);
  const backend = await prompter.ask('Backend (local or tencent)', next.backend ?? 'local');
  if (backend !== 'local' && backend !== 'tencent')
    throw new UsageError('backend: must be "local" or "tencent"');
  next.backend = backend;
  next.region = await prompter.ask('Region', next.region ?? 'ap-guangzhou');
  if (backend === 'local') return { secretId: undefined, secretKey: undefined };
  const secretId = (await prompter.ask('SecretId (empty: keep the saved key pair)')) || undefined;
  const secretKey = secretId ? await prompter.askHidden('SecretKey') : undefined;
  if (secretId && !secretKey) throw new UsageError('SecretKey: must not be empty');
  return { secretId, secretKey };
}

function list(input: CommandInput, session: Session): CommandResult {
  const env = session.cli.env;
  const s = resolveSettings(input.raw, session.cli);
  const credential = readCredential(env, s.profile.value);
  const exposed = exposedFileWarning(credentialFilePath(env, s.profile.value));
  if (exposed && credential.source === 'profile') session.ui.warn(exposed);
  const rows = [
    { key: 'backend', value: s.backend.value, source: s.backend.source },
    { key: 'profile', value: s.profile.value, source: s.profile.source },
    regionRow(s, env),
    { key: 'endpoint', value: s.endpoint.value ?? 'ses.tencentcloudapi.com', source: s.endpoint.source },
    { key: 'dataDir', value: s.dataDir.value, source: s.dataDir.source },
    {
      key: 'secretId',
      value: credential.secretId ? mask(credential.secretId) : '(none)',
      source: credential.source,
    },
    { key: 'secretKey', value: credential.secretKey ? '********' : '(none)', source: credential.source },
    { key: 'configFile', value: configFilePath(env), source: 'default' },
  ];
  return {
    kind: 'table',
    rows,
    columns: [
      { key: 'key', header: 'Setting' },
      { key: 'value', header: 'Value' },
      { key: 'source', header: 'From' },
    ],
    json: Object.fromEntries(rows.map((r) => [r.key, { value: r.value, source: r.source }])),
  };
}

/**
 * The region the SDK will use: flag, env or profile setting, then the tccli profile's
 * `<profile>.configure` (as the SDK reads it), then ap-guangzhou.
 */
function regionRow(
  s: ResolvedSettings,
  env: NodeJS.ProcessEnv,
): { key: string; value: string; source: string } {
  if (s.region.value !== undefined) return { key: 'region', value: s.region.value, source: s.region.source };
  const tccli = profileRegion(s.profile.value, env);
  if (tccli) return { key: 'region', value: tccli, source: 'tccli profile' };
  return { key: 'region', value: DEFAULT_REGION, source: 'default' };
}

function readCredential(
  env: NodeJS.ProcessEnv,
  profile: string,
): { secretId?: string; secretKey?: string; source: string } {
  if (env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY) {
    return { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY, source: 'env' };
  }
  try {
    const value = JSON.parse(readFileSync(credentialFilePath(env, profile), 'utf8')) as Record<
      string,
      unknown
    >;
    const secretId = typeof value.secretId === 'string' ? value.secretId : undefined;
    const secretKey = typeof value.secretKey === 'string' ? value.secretKey : undefined;
    return { ...(secretId ? { secretId } : {}), ...(secretKey ? { secretKey } : {}), source: 'profile' };
  } catch {
    return { source: 'default' };
  }
}
