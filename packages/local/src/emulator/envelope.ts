import { randomUUID } from 'node:crypto';

/** Error messages for the protocol-level codes, worded like the service's. */
const MESSAGES: Record<string, string> = {
  'AuthFailure.InvalidAuthorization': 'Authorization header is malformed.',
  'AuthFailure.SecretIdNotFound': 'The SecretId is not found, please ensure that your SecretId is correct.',
  'AuthFailure.SignatureFailure':
    'The provided credentials could not be validated. Please check your signature is correct.',
  'AuthFailure.SignatureExpire':
    'Signature expired. Timestamp differs from server time by more than 5 minutes.',
  InvalidAction: 'The requested action does not exist.',
  NoSuchVersion: 'The requested version does not exist or is not supported; use 2020-10-02.',
  UnsupportedRegion: 'The region is not supported by this API.',
  MissingParameter: 'A required parameter is missing.',
  RequestSizeLimitExceeded: 'The request body exceeds 8 MB.',
  RequestLimitExceeded: 'Your request rate exceeds the limit of this action.',
  UnsupportedProtocol: 'Only POST requests with a JSON body are supported.',
};

/** A success envelope: `{"Response":{…,"RequestId"}}`. */
export function successBody(payload: Record<string, unknown>, requestId: string = randomUUID()): string {
  // Every answer goes through here: splice the id into the serialised payload rather than copying
  // the payload into a new object first.
  const json = JSON.stringify(payload);
  if (json === '{}') return `{"Response":{"RequestId":${JSON.stringify(requestId)}}}`;
  if (Object.hasOwn(payload, 'RequestId'))
    return JSON.stringify({ Response: { ...payload, RequestId: requestId } });
  return `{"Response":${json.slice(0, -1)},"RequestId":${JSON.stringify(requestId)}}}`;
}

/** An error envelope, answered inside HTTP 200 exactly as the service does. */
export function errorBody(code: string, message?: string, requestId: string = randomUUID()): string {
  return JSON.stringify({
    Response: { Error: { Code: code, Message: message ?? MESSAGES[code] ?? code }, RequestId: requestId },
  });
}
