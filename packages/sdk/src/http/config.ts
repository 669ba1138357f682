import type { Site } from './endpoint.js';
import { isRecord, nonEmpty, profileName, readProfileFile } from './profile.js';

/** The region used when nothing else names one: SES's main Chinese-site region. */
export const DEFAULT_REGION = 'ap-guangzhou';
/** The only region the international site serves (reference §1.1). */
export const INTERNATIONAL_REGION = 'ap-singapore';

/**
 * Resolves the region: the option, then `TENCENTCLOUD_REGION`, then the tccli profile's
 * `<profile>.configure` (tccli's own `_sys_param.region`; also `ses.region` or a top-level
 * `region`), then the site's region: `ap-singapore` on the international site, else `ap-guangzhou`.
 */
export function resolveRegion(o: {
  region?: string | undefined;
  profile?: string | undefined;
  site?: Site | undefined;
  env: NodeJS.ProcessEnv;
}): string {
  return (
    nonEmpty(o.region) ??
    nonEmpty(o.env.TENCENTCLOUD_REGION) ??
    profileRegion(o.profile, o.env) ??
    (o.site === 'international' ? INTERNATIONAL_REGION : DEFAULT_REGION)
  );
}

/**
 * The region a tccli profile's `<profile>.configure` names (tccli's own `_sys_param.region`, else
 * `ses.region`, else a top-level `region`), or undefined when the file is missing, malformed or
 * names none. `profile` defaults to `TENCENTCLOUD_PROFILE`, then `default`.
 */
export function profileRegion(profile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const configure = readProfileFile('configure', profileName(profile, env), env);
  if (!configure) return undefined;
  return regionIn(configure._sys_param) ?? regionIn(configure.ses) ?? nonEmpty(configure.region);
}

function regionIn(section: unknown): string | undefined {
  return isRecord(section) ? nonEmpty(section.region) : undefined;
}
