// The dashboard's one JSON API (served under /ui/api by the emulator).

/** The header the server requires on state-changing requests (its CSRF guard). */
const DASHBOARD_HEADER = 'x-ses-dashboard';

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body as T;
}

/** GETs `/ui/api/<path>` with optional query parameters (empty values are left out). */
export async function getJson<T>(
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return parse<T>(await fetch(`/ui/api/${path}${search ? `?${search}` : ''}`, { cache: 'no-store' }));
}

/** POSTs a JSON body to `/ui/api/<path>`. */
export async function postJson<T>(path: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`/ui/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DASHBOARD_HEADER]: '1' },
    body: JSON.stringify(body),
  });
  return parse<T>(response);
}
