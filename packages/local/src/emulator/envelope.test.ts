import { describe, expect, it } from 'vitest';
import { errorBody, successBody } from './envelope.js';

describe('envelope', () => {
  it('wraps a payload and appends the request id', () => {
    expect(JSON.parse(successBody({ TotalCount: 1, Data: [{ A: 'x"y' }] }, 'req-1'))).toEqual({
      Response: { TotalCount: 1, Data: [{ A: 'x"y' }], RequestId: 'req-1' },
    });
  });

  it('answers an empty payload with the request id alone', () => {
    expect(JSON.parse(successBody({}, 'req-2'))).toEqual({ Response: { RequestId: 'req-2' } });
  });

  it('never lets a payload field named RequestId stand next to the real one', () => {
    const body = successBody({ RequestId: 'forged', Ok: true }, 'req-3');
    expect(JSON.parse(body)).toEqual({ Response: { RequestId: 'req-3', Ok: true } });
    expect(body.match(/RequestId/g)).toHaveLength(1);
  });

  it('generates a fresh UUID when no request id is given', () => {
    const first = JSON.parse(successBody({})).Response.RequestId;
    const second = JSON.parse(errorBody('InvalidAction')).Response.RequestId;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('words protocol errors like the service and keeps a given message', () => {
    expect(JSON.parse(errorBody('RequestSizeLimitExceeded', undefined, 'r')).Response).toEqual({
      Error: { Code: 'RequestSizeLimitExceeded', Message: 'The request body exceeds 8 MB.' },
      RequestId: 'r',
    });
    expect(JSON.parse(errorBody('Some.Code', 'custom', 'r')).Response.Error).toEqual({
      Code: 'Some.Code',
      Message: 'custom',
    });
  });
});
