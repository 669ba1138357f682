import { ApiError } from '@ses-cli/sdk';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorFixture, getJson, SENDER, setUpSender, startFixture } from './fixtures.js';

let fixture: EmulatorFixture;
let templateId: number;

beforeAll(async () => {
  fixture = await startFixture();
  templateId = await setUpSender(fixture.client);
});
afterAll(() => fixture.close());

/** Sends one HTML email to `to` and returns its MessageId and the tracking URLs found in its raw source. */
async function sendAndFindUrls(to: string) {
  const { MessageId } = await fixture.client.invoke('SendEmail', {
    FromEmailAddress: SENDER,
    Destination: [to],
    Subject: 'Links for {{name}}',
    Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
    Unsubscribe: '2',
  });
  const messageId = MessageId as string;
  const raw = await fetch(`${fixture.emulator.url}/_emulator/messages/${encodeURIComponent(messageId)}/raw`);
  expect(raw.status).toBe(200);
  const source = Buffer.from(await raw.arrayBuffer());
  const parsed = await simpleParser(source);
  const html = String(parsed.html);
  const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  const base = fixture.emulator.url;
  return {
    messageId,
    pixel: urls.find((u) => u.startsWith(`${base}/t/open/`)),
    clicks: urls.filter((u) => u.startsWith(`${base}/t/click/`)),
    unsubscribe: urls.find((u) => u.startsWith(`${base}/t/unsubscribe/`)),
    // The header as written, unfolded (CRLF + whitespace continues a header line).
    listUnsubscribe: /^List-Unsubscribe:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)/im
      .exec(source.toString('utf8'))?.[1]
      ?.replace(/\r\n[ \t]+/g, ' '),
  };
}

async function statusOf(messageId: string) {
  const { EmailStatusList } = await fixture.client.invoke('GetSendEmailStatus', {
    RequestDate: fixture.today(),
    MessageId: messageId,
    Offset: 0,
    Limit: 10,
  });
  return EmailStatusList?.[0];
}

async function todaysVolume() {
  const report = await fixture.client.invoke('GetStatisticsReport', {
    StartDate: fixture.today(),
    EndDate: fixture.today(),
  });
  return report.OverallVolume;
}

describe('emulator tracking over HTTP', () => {
  it('turns a fetched pixel and a followed link into opened and clicked', async () => {
    const before = await todaysVolume();
    const { messageId, pixel, clicks } = await sendAndFindUrls('reader@example.org');
    expect(pixel).toBeDefined();
    expect(clicks).toHaveLength(2);
    expect(await statusOf(messageId)).toMatchObject({ UserOpened: false, UserClicked: false });

    const image = await fetch(pixel!, { headers: { 'user-agent': 'test-mail-client' } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/gif');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 6)
        .toString(),
    ).toBe('GIF89a');

    const second = await fetch(clicks[1]!, { redirect: 'manual' });
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toBe('https://example.com/b?x=1&y=2');
    const first = await fetch(clicks[0]!, { redirect: 'manual' });
    expect(first.headers.get('location')).toBe('https://example.com/a');

    expect(await statusOf(messageId)).toMatchObject({ UserOpened: true, UserClicked: true });
    const after = await todaysVolume();
    expect(after?.OpenedCount).toBe((before?.OpenedCount ?? 0) + 1);
    // ClickedCount counts recipients who clicked, not clicks.
    expect(after?.ClickedCount).toBe((before?.ClickedCount ?? 0) + 1);
  });

  it('refuses a link index that was not in the message (no open redirect)', async () => {
    const { clicks } = await sendAndFindUrls('careful@example.org');
    const beyond = clicks[0]!.replace(/\/\d+$/, '/2');
    const response = await fetch(beyond, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(response.headers.get('location')).toBeNull();
    const unknownToken = await fetch(`${fixture.emulator.url}/t/click/no-such-token/0`, {
      redirect: 'manual',
    });
    expect(unknownToken.status).toBe(404);
    // Anything that is not an index of that message is not a tracking URL at all.
    const external = await fetch(`${fixture.emulator.url}/t/click/x/https%3A%2F%2Fevil.example`, {
      redirect: 'manual',
    });
    expect(external.status).toBe(404);
    expect(external.headers.get('location')).toBeNull();
  });

  it('unsubscribes from the footer link and suppresses further sends to that address', async () => {
    const { messageId, unsubscribe, listUnsubscribe } = await sendAndFindUrls('leaving@example.org');
    expect(unsubscribe).toBeDefined();
    expect(listUnsubscribe).toContain('/t/unsubscribe/');
    const page = await fetch(unsubscribe!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('unsubscribed');
    expect(await statusOf(messageId)).toMatchObject({ UserUnsubscribed: true });

    const refused = await fixture.client
      .invoke('SendEmail', {
        FromEmailAddress: SENDER,
        Destination: ['leaving@example.org'],
        Subject: 'Again',
        Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('FailedOperation.ReceiverHasUnsubscribed');
  });

  it('answers 404 for an unsubscribe token it never issued', async () => {
    const { status } = await getJson(`${fixture.emulator.url}/t/unsubscribe/never-issued`);
    expect(status).toBe(404);
  });
});

describe('links with characters a header cannot carry', () => {
  it('redirects to the percent-encoded URL', async () => {
    const html = '<p><a href="https://example.cn/活动 页?x=1">go</a></p>';
    const { TemplateID } = await fixture.client.invoke('CreateEmailTemplate', {
      TemplateName: 'non-ascii-link',
      TemplateContent: { Html: Buffer.from(html).toString('base64') },
    });
    const { MessageId } = await fixture.client.invoke('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['reader@example.org'],
      Subject: 'Link',
      Template: { TemplateID: TemplateID as number, TemplateData: '{}' },
    });
    const raw = await fetch(
      `${fixture.emulator.url}/_emulator/messages/${encodeURIComponent(MessageId as string)}/raw`,
    );
    const parsed = await simpleParser(Buffer.from(await raw.arrayBuffer()));
    const click = /href="([^"]*\/t\/click\/[^"]+)"/.exec(String(parsed.html))?.[1];
    const answer = await fetch(click!, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('https://example.cn/%E6%B4%BB%E5%8A%A8%20%E9%A1%B5?x=1');
  });
});
