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
  const direct = nonEmpty(o.region) ?? nonEmpty(o.env.TENCENTCLOUD_REGION);
  if (direct) return direct;
  const configure = readProfileFile('configure', profileName(o.profile, o.env), o.env);
  if (configure) {
    const region = regionIn(configure._sys_param) ?? regionIn(configure.ses) ?? nonEmpty(configure.region);
    if (region) return region;
  }
  return o.site === 'international' ? INTERNATIONAL_REGION : DEFAULT_REGION;
}

function regionIn(section: unknown): string | undefined {
  return isRecord(section) ? nonEmpty(section.region) : undefined;
}
