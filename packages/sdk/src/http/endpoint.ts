import { ConfigError } from '../core/errors.js';

/** Which Tencent Cloud site the account lives on. */
export type Site = 'china' | 'international';

/** Nearest-region hosts of the two sites (reference §1.1). */
export const SITE_HOSTS: Readonly<Record<Site, string>> = {
  china: 'ses.tencentcloudapi.com',
  international: 'ses.intl.tencentcloudapi.com',
};

/** The credential-scope service; SES hosts all start with `ses.`, and the emulator accepts it too. */
export const SES_SERVICE = 'ses';

/** Where requests go and what the signature covers. */
export interface ResolvedEndpoint {
  /** `scheme://host[:port]`, what the connection pool dials. */
  readonly origin: string;
  /** The `Host` header, sent and signed byte for byte (includes a non-default port). */
  readonly host: string;
  readonly service: string;
}

/**
 * The region-pinned host `ses.<region>.tencentcloudapi.com`, for callers that want to skip
 * nearest-region routing (e.g. `ses.ap-hongkong.tencentcloudapi.com`).
 */
export function regionalHost(region: string): string {
  return `ses.${region}.tencentcloudapi.com`;
}

/**
 * Turns the `endpoint`/`site` options into an origin. `endpoint` may be a bare host (HTTPS is
 * assumed) or a full URL such as `http://127.0.0.1:4599`; the path is always `/` per API 3.0.
 * @throws {ConfigError} the endpoint is not a usable http(s) URL or host
 */
export function resolveEndpoint(endpoint: string | undefined, site: Site | undefined): ResolvedEndpoint {
  const raw = endpoint?.trim() || SITE_HOSTS[site ?? 'china'];
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new ConfigError(`Invalid endpoint "${raw}": expected a host or an http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`Invalid endpoint "${raw}": only http and https are supported`);
  }
  return { origin: url.origin, host: url.host, service: SES_SERVICE };
}
