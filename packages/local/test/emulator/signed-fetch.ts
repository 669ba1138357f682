import { signTc3 } from '@ses-cli/sdk';

export interface SignedCallOptions {
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly timestamp?: number;
  /** Headers to send instead of (or, with `undefined`, to remove from) the defaults. */
  readonly headers?: Record<string, string | undefined>;
  /** Body bytes sent, when different from the signed ones (tampering). */
  readonly sentBody?: string;
}

export interface EnvelopeError {
  readonly Code: string;
  readonly Message: string;
}
export interface Envelope {
  readonly Response: Record<string, unknown> & { RequestId: string; Error?: EnvelopeError };
}

/** One raw, hand-signed API call, so the tests control every byte the emulator sees. */
export async function signedCall(
  url: string,
  action: string,
  body: string,
  key: { secretId: string; secretKey: string },
  options: SignedCallOptions = {},
): Promise<{ status: number; envelope: Envelope }> {
  const host = new URL(url).host;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const { authorization } = signTc3({
    secretId: options.secretId ?? key.secretId,
    secretKey: options.secretKey ?? key.secretKey,
    service: 'ses',
    timestamp,
    headers: { 'content-type': 'application/json', host },
    payload: body,
  });
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    authorization,
    'x-tc-action': action,
    'x-tc-version': '2020-10-02',
    'x-tc-region': 'ap-guangzhou',
    'x-tc-timestamp': String(timestamp),
    ...options.headers,
  };
  const sent = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const response = await fetch(url, { method: 'POST', headers: sent, body: options.sentBody ?? body });
  return { status: response.status, envelope: (await response.json()) as Envelope };
}
