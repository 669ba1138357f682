import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isDateString,
  isDateTimeString,
  isEmailAddress,
  isHeaderSafe,
  isJsonObjectString,
  parseMailbox,
  utf8ByteLength,
} from './common.js';

describe('isEmailAddress', () => {
  it.each([
    'user@example.com',
    'first.last+tag@mail.example.co.uk',
    'noreply@mail.qcloud.com',
    '用户@例子.中国',
    `${'a'.repeat(64)}@example.com`,
  ])('accepts %s', (address) => {
    expect(isEmailAddress(address)).toBe(true);
  });

  it.each([
    '',
    'plain',
    'user@localhost',
    '@example.com',
    'user@',
    'user@.example.com',
    'user@example..com',
    'user@example.com.',
    'a b@example.com',
    'user@example.com\r\nBcc: x@example.com',
    'user@exa mple.com',
    'a@b@example.com',
    'Name <user@example.com>',
    'a@example.com,b@example.com',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
  ])('rejects %j', (address) => {
    expect(isEmailAddress(address)).toBe(false);
  });

  it('never accepts a string containing whitespace or a control character', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(' ', '\r', '\n', '\t', '\u0000'), fc.string(), (a, bad, b) => {
        expect(isEmailAddress(`${a}${bad}${b}@example.com`)).toBe(false);
        expect(isEmailAddress(`user@${a}${bad}${b}.com`)).toBe(false);
      }),
    );
  });

  it('never accepts more than 254 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 255, max: 400 }), (length) => {
        const local = 'a'.repeat(10);
        const domain = `${'d'.repeat(length - local.length - 5)}.com`;
        expect(isEmailAddress(`${local}@${domain}`)).toBe(false);
      }),
    );
  });
});

describe('parseMailbox', () => {
  it('splits "Alias <addr>" and keeps a bare address', () => {
    expect(parseMailbox('Qcloud Team <noreply@mail.qcloud.com>')).toEqual({
      alias: 'Qcloud Team',
      address: 'noreply@mail.qcloud.com',
    });
    expect(parseMailbox('腾讯云 <noreply@mail.qcloud.com>')).toEqual({
      alias: '腾讯云',
      address: 'noreply@mail.qcloud.com',
    });
    expect(parseMailbox('noreply@mail.qcloud.com')).toEqual({ address: 'noreply@mail.qcloud.com' });
  });

  it.each([
    ['<noreply@mail.qcloud.com>', 'exactly one space'],
    [' <noreply@mail.qcloud.com>', 'exactly one space'],
    ['A<noreply@mail.qcloud.com>', 'exactly one space'],
    ['A  <noreply@mail.qcloud.com>', 'exactly one space'],
    ['A <noreply@mail.qcloud.com> ', 'exactly one space'],
    ['A: B <noreply@mail.qcloud.com>', 'must not contain ":"'],
    ['A <B <noreply@mail.qcloud.com>', 'must not contain "<"'],
    ['A <not-an-address>', 'valid email address'],
    ['A\n <noreply@mail.qcloud.com>', 'CR or LF'],
    ['noreply@mail.qcloud.com\r\n', 'CR or LF'],
  ])('rejects %j naming the rule', (value, rule) => {
    const parsed = parseMailbox(value);
    expect('error' in parsed && parsed.error).toContain(rule);
  });

  it('round-trips any safe alias and valid address', () => {
    const alias = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => !/[:<>\r\n]/.test(s) && s.trim() !== '' && !/\s$/.test(s));
    fc.assert(
      fc.property(alias, fc.emailAddress(), (name, address) => {
        fc.pre(isEmailAddress(address));
        expect(parseMailbox(`${name} <${address}>`)).toEqual({ alias: name, address });
      }),
    );
  });
});

describe('dates', () => {
  it('accepts exactly the real calendar days', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString();
          expect(isDateString(iso.slice(0, 10))).toBe(true);
          expect(isDateTimeString(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)).toBe(true);
        },
      ),
    );
    expect(isDateString('2023-02-29')).toBe(false);
    expect(isDateString('2000-02-29')).toBe(true);
    expect(isDateString('1900-02-29')).toBe(false);
  });

  it.each([
    '2023-09-07 24:00:00',
    '2023-09-07 23:60:00',
    '2023-09-07 23:59:60',
    '2023-09-07T15:10:00',
    '2023-09-07',
  ])('rejects the date-time %j', (value) => {
    expect(isDateTimeString(value)).toBe(false);
  });
});

describe('small predicates', () => {
  it('isHeaderSafe refuses CR and LF only', () => {
    expect(isHeaderSafe('Hello, 世界: "ok" <x>')).toBe(true);
    expect(isHeaderSafe('a\rb')).toBe(false);
    expect(isHeaderSafe('a\nb')).toBe(false);
  });

  it('isJsonObjectString wants an object', () => {
    expect(isJsonObjectString('{}')).toBe(true);
    expect(isJsonObjectString('{"a":"1"}')).toBe(true);
    for (const v of ['[]', 'null', '1', '"x"', '{', '']) expect(isJsonObjectString(v)).toBe(false);
  });

  it('utf8ByteLength counts bytes', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('邮件')).toBe(6);
    expect(utf8ByteLength('😀')).toBe(4);
  });
});
