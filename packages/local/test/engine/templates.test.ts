import { InvalidParameterError, NotFoundError } from '@ses-cli/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { b64, codeOf, setup } from './helpers.js';

let env: ReturnType<typeof setup>;
afterEach(async () => env.teardown());

describe('templates', () => {
  it('stores content as given, approves by default, lists newest first with TotalCount', async () => {
    env = setup();
    const html = b64('<p>Hi {{name}}</p>');
    const { TemplateID } = await env.ses.invoke('CreateEmailTemplate', {
      TemplateName: 'welcome',
      TemplateContent: { Html: html },
    });
    expect(TemplateID).toBeGreaterThan(10000);
    const got = await env.ses.invoke('GetEmailTemplate', { TemplateID: TemplateID ?? 0 });
    expect(got).toMatchObject({
      TemplateName: 'welcome',
      TemplateStatus: 0,
      TemplateContent: { Html: html },
    });
    expect(got.TemplateContent?.Text).toBeUndefined();
    const second = await env.invoke('CreateEmailTemplate', {
      TemplateName: 'second',
      TemplateContent: { Text: b64('x') },
    });
    const list = await env.ses.invoke('ListEmailTemplates', { Limit: 1, Offset: 0 });
    expect(list.TotalCount).toBe(2);
    expect(list.TemplatesMetadata?.[0]?.TemplateID).toBe(second['TemplateID']);
  });

  it('keeps templates pending when auto-approval is off, and an update goes back to review', async () => {
    env = setup({ autoApproveTemplates: false });
    const { TemplateID = 0 } = await env.ses.invoke('CreateEmailTemplate', {
      TemplateName: 't',
      TemplateContent: { Text: b64('hello') },
    });
    expect((await env.ses.invoke('GetEmailTemplate', { TemplateID })).TemplateStatus).toBe(1);
    await env.ses.invoke('UpdateEmailTemplate', {
      TemplateID,
      TemplateName: 't2',
      TemplateContent: { Text: b64('bye') },
    });
    const got = await env.ses.invoke('GetEmailTemplate', { TemplateID });
    expect(got).toMatchObject({
      TemplateName: 't2',
      TemplateStatus: 1,
      TemplateContent: { Text: b64('bye') },
    });
  });

  it('answers the documented codes for bad content, names, ids and limits', async () => {
    env = setup();
    expect(
      await codeOf(
        env.invoke('CreateEmailTemplate', { TemplateName: 'x', TemplateContent: { Html: 'not base64!' } }),
      ),
    ).toBe('InvalidParameterValue.TemplateContentIsWrong');
    expect(await codeOf(env.invoke('CreateEmailTemplate', { TemplateName: 'x', TemplateContent: {} }))).toBe(
      'InvalidParameterValue.TemplateContentIsNULL',
    );
    expect(
      await codeOf(
        env.invoke('CreateEmailTemplate', { TemplateName: '', TemplateContent: { Text: b64('a') } }),
      ),
    ).toBe('InvalidParameterValue.TemplateNameIsNULL');
    expect(
      await codeOf(
        env.invoke('CreateEmailTemplate', {
          TemplateName: 'x'.repeat(101),
          TemplateContent: { Text: b64('a') },
        }),
      ),
    ).toBe('InvalidParameterValue.TemplateNameIllegal');
    await expect(env.ses.invoke('GetEmailTemplate', { TemplateID: 4 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await codeOf(env.invoke('DeleteEmailTemplate', { TemplateID: 4 }))).toBe(
      'InvalidParameterValue.TemplateNotExist',
    );
    expect(await codeOf(env.invoke('ListEmailTemplates', { Limit: 101, Offset: 0 }))).toBe(
      'FailedOperation.InvalidLimit',
    );
    expect(await codeOf(env.invoke('ListEmailTemplates', { Offset: 0 }))).toBe('MissingParameter');
    // A value of the wrong JSON type is a bad format: InvalidParameter, not InvalidParameterValue.
    expect(await codeOf(env.invoke('GetEmailTemplate', { TemplateID: 'abc' }))).toBe('InvalidParameter');
    expect(await codeOf(env.invoke('ListEmailTemplates', { Limit: '10', Offset: 0 }))).toBe(
      'InvalidParameter',
    );
    const unknown = await env.invoke('ListEmailTemplates', { Limit: 1, Offset: 0, Foo: 1 }).catch((e) => e);
    expect(unknown).toBeInstanceOf(InvalidParameterError);
    expect(unknown.code).toBe('UnknownParameter');
    expect(await codeOf(env.invoke('NoSuchAction'))).toBe('InvalidAction');
  });
});
