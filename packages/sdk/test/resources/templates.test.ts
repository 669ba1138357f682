import { describe, expect, it } from 'vitest';
import { empty, recordingClient } from './recording-backend.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('ses.templates', () => {
  it('create sends base64 bodies and returns the new id', async () => {
    const { ses, backend } = recordingClient({ CreateEmailTemplate: () => ({ TemplateID: 42 }) });
    const result = await ses.templates.create({
      name: 'welcome',
      html: '<p>Hi {{name}}</p>',
      text: 'Hi {{name}} 你好',
    });
    expect(backend.sent('CreateEmailTemplate')).toEqual([
      {
        TemplateName: 'welcome',
        TemplateContent: { Html: b64('<p>Hi {{name}}</p>'), Text: b64('Hi {{name}} 你好') },
      },
    ]);
    expect(result).toEqual({ id: 42, requestId: 'req-1' });
    expect(ses.templates.knownVariables(42)).toEqual(['name']);
  });

  it('create without any body fails before sending', async () => {
    const { ses, backend } = recordingClient({ CreateEmailTemplate: empty });
    await expect(ses.templates.create({ name: 'x' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'html',
    });
    expect(backend.calls).toEqual([]);
  });

  it('get decodes the bodies and names the status, keeping the code', async () => {
    const { ses, backend } = recordingClient({
      GetEmailTemplate: () => ({
        TemplateName: 'otp',
        TemplateStatus: 1,
        TemplateContent: { Html: b64('<b>{{code}}</b>'), Text: b64('Code {{ code }} for {{user}}') },
      }),
    });
    const template = await ses.templates.get(7);
    expect(backend.sent('GetEmailTemplate')).toEqual([{ TemplateID: 7 }]);
    expect(template).toEqual({
      id: 7,
      name: 'otp',
      status: 'pending',
      statusCode: 1,
      html: '<b>{{code}}</b>',
      text: 'Code {{ code }} for {{user}}',
      variables: ['code', 'user'],
    });
  });

  it('list maps summaries and names unknown status codes', async () => {
    const { ses, backend } = recordingClient({
      ListEmailTemplates: () => ({
        TotalCount: 2,
        TemplatesMetadata: [
          {
            TemplateID: 1,
            TemplateName: 'a',
            TemplateStatus: 0,
            CreatedTimestamp: 1_700_000_000,
            ReviewReason: '',
          },
          { TemplateID: 2, TemplateName: 'b', TemplateStatus: 9, CreatedTimestamp: 0, ReviewReason: 'links' },
        ],
      }),
    });
    const page = await ses.templates.list({ limit: 50 });
    expect(backend.sent('ListEmailTemplates')).toEqual([{ Offset: 0, Limit: 50 }]);
    expect(page.totalCount).toBe(2);
    expect(page.items).toEqual([
      {
        id: 1,
        name: 'a',
        status: 'approved',
        statusCode: 0,
        createdAt: new Date(1_700_000_000_000),
        reviewReason: undefined,
      },
      { id: 2, name: 'b', status: 'unknown', statusCode: 9, createdAt: undefined, reviewReason: 'links' },
    ]);
  });

  it('list iterates across several pages driven by the operation list shape', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({
      TemplateID: i + 1,
      TemplateName: `t${i + 1}`,
      TemplateStatus: 0,
    }));
    const { ses, backend } = recordingClient({
      ListEmailTemplates: (p) => ({
        TotalCount: all.length,
        TemplatesMetadata: all.slice(p.Offset as number, (p.Offset as number) + (p.Limit as number)),
      }),
    });
    const ids: number[] = [];
    for await (const t of ses.templates.list({ limit: 2 })) ids.push(t.id);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(backend.sent('ListEmailTemplates')).toEqual([
      { Offset: 0, Limit: 2 },
      { Offset: 2, Limit: 2 },
      { Offset: 4, Limit: 2 },
    ]);
    const first = await ses.templates.list({ limit: 2 });
    const second = await first.getNextPage();
    expect(second.items.map((t) => t.id)).toEqual([3, 4]);
  });

  it('list rejects a page size above the API maximum before sending', async () => {
    const { ses, backend } = recordingClient({ ListEmailTemplates: empty });
    await expect(ses.templates.list({ limit: 500 })).rejects.toMatchObject({ field: 'limit' });
    expect(backend.calls).toEqual([]);
  });

  it('update and delete send the wire ids', async () => {
    const { ses, backend } = recordingClient({ UpdateEmailTemplate: empty, DeleteEmailTemplate: empty });
    await ses.templates.update(3, { name: 'n', text: 'Hello {{who}}' });
    expect(ses.templates.knownVariables(3)).toEqual(['who']);
    await ses.templates.delete(3);
    expect(ses.templates.knownVariables(3)).toBeUndefined();
    expect(backend.calls).toEqual([
      {
        action: 'UpdateEmailTemplate',
        payload: { TemplateID: 3, TemplateName: 'n', TemplateContent: { Text: b64('Hello {{who}}') } },
      },
      { action: 'DeleteEmailTemplate', payload: { TemplateID: 3 } },
    ]);
  });
});
