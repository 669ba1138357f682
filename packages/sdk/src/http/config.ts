import { isRecord, nonEmpty, profileName, readProfileFile } from './profile.js';

/** The region used when nothing else names one: SES's main Chinese-site region. */
export const DEFAULT_REGION = 'ap-guangzhou';

/**
 * Resolves the region: the option, then `TENCENTCLOUD_REGION`, then the tccli profile's
 * `<profile>.configure` (`ses.region`, else the top-level `region`), then `ap-guangzhou`.
 */
export function resolveRegion(o: {
  region?: string | undefined;
  profile?: string | undefined;
  env: NodeJS.ProcessEnv;
}): string {
  const direct = nonEmpty(o.region) ?? nonEmpty(o.env.TENCENTCLOUD_REGION);
  if (direct) return direct;
  const configure = readProfileFile('configure', profileName(o.profile, o.env), o.env);
  if (configure) {
    const ses = configure.ses;
    const fromSes = isRecord(ses) ? nonEmpty(ses.region) : undefined;
    const region = fromSes ?? nonEmpty(configure.region);
    if (region) return region;
  }
  return DEFAULT_REGION;
}
