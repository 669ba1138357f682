import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultInjector, type FaultMap, parseFaultMap } from './faults.js';
import { sendJson } from './http-util.js';
import { BodyTooLargeError, readBody } from './read-body.js';

export const FAULTS_PATH = '/_emulator/faults';
const MAX_FAULTS_BODY = 64 * 1024;

/**
 * `/_emulator/faults`, for people and out-of-process tests:
 * `GET` lists the rules in force and the call counters, `POST` sets rules (a JSON fault map, merged
 * by action), `DELETE` clears everything, or one action's rules with `?action=`.
 */
export async function handleFaults(
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  faults: FaultInjector,
): Promise<void> {
  const method = request.method ?? 'GET';
  if (method === 'GET') {
    sendJson(response, 200, { faults: faults.rules(), ...faults.stats() });
  } else if (method === 'DELETE') {
    const action = url.searchParams.get('action');
    faults.clear(action ?? undefined);
    sendJson(response, 200, { faults: faults.rules() });
  } else if (method === 'POST') {
    let json: unknown;
    try {
      json = JSON.parse((await readBody(request, MAX_FAULTS_BODY)).toString('utf8'));
    } catch (error) {
      const why = error instanceof BodyTooLargeError ? 'body over 64 KiB' : 'body is not JSON';
      sendJson(response, 400, { error: why });
      return;
    }
    let map: FaultMap;
    try {
      map = parseFaultMap(json);
    } catch (error) {
      sendJson(response, 400, { error: `invalid fault map at ${(error as Error).message}` });
      return;
    }
    faults.set(map);
    sendJson(response, 200, { faults: faults.rules() });
  } else {
    sendJson(response, 405, { error: 'use GET, POST or DELETE' });
  }
}
