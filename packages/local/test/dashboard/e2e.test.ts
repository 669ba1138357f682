import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWarmupPlan } from '@ses-cli/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../dashboard-ui/build.js';
import { MAIL_SANDBOX } from '../../dashboard-ui/src/components/mail-sandbox.js';
import type { MessageDetailView } from '../../src/dashboard/index.js';
import { launchChromium, type PageWatch, watchPage } from './browser.js';
import {
  addresses,
  batchTo,
  type DashboardHarness,
  DOMAIN,
  getJson,
  sendOne,
  setUpSender,
  startDashboard,
} from './harness.js';

// Day 1 sends 2 batch emails, day 2 up to 10: a small task shows partial progress, then completes.
const PLAN = parseWarmupPlan({
  days: [
    { day: 1, limit: 2 },
    { day: 2, limit: 10 },
  ],
});

let assetsDir: string;
let browser: Browser;
let h: DashboardHarness;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  assetsDir = mkdtempSync(join(tmpdir(), 'ses-dashboard-e2e-'));
  await buildDashboard(assetsDir);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(assetsDir, { recursive: true, force: true });
});
beforeEach(async () => {
  h = await startDashboard({ backend: { warmupPlan: PLAN }, dashboard: { assetsDir, warmupPlan: PLAN } });
  page = await browser.newPage();
  watch = watchPage(page);
});
afterEach(async () => {
  await page.close();
  await h.close();
});

const rows = () => page.locator('[data-testid=outbox-row]');

/** At a phone's width nothing is wider than the screen: the page never scrolls sideways. */
async function expectFitsPhone(): Promise<void> {
  await page.setViewportSize({ width: 390, height: 800 });
  // A string, not a function: the tests type-check without the DOM's types.
  const widths = (await page.evaluate(`({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
    sidebar: document.querySelector('.sidebar').getBoundingClientRect().height,
  })`)) as { page: number; screen: number; sidebar: number };
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
  // The sidebar became a bar across the top.
  expect(widths.sidebar).toBeLessThan(80);
  await page.setViewportSize({ width: 1280, height: 720 });
}

// The pages poll every 2 s, so each test waits a few polls.
describe('dashboard in Chromium', { timeout: 60_000 }, () => {
  it('shows new mail live, searches it, opens one and shows a click recorded from its tracking link', async () => {
    await setUpSender(h);
    await page.goto(`${h.url}/ui`);
    await page.getByText('No emails captured yet.').waitFor();

    await sendOne(
      h,
      'ana@example.com',
      'Welcome Ana',
      {
        html: '<h1>Hello Ana</h1><p><a href="https://example.org/start">Get started</a></p>',
        text: 'Hello Ana',
      },
      { Destination: ['ana@example.com', 'cy@example.com'] },
    );
    await sendOne(h, 'bo@example.com', 'Invoice for Bo');
    // No reload: the outbox polls and the new mail appears by itself.
    await rows().nth(1).waitFor();
    expect(await rows().locator('td:nth-child(4)').allTextContents()).toEqual([
      'Invoice for Bo',
      'Welcome Ana',
    ]);

    // Found by its second recipient too, and both are shown.
    await page.fill('input[name=to]', 'cy@example.com');
    await page.click('button[type=submit]');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    expect(await rows().locator('td:nth-child(2)').textContent()).toBe('ana@example.com, cy@example.com');
    expect(await rows().locator('[data-outcome]').textContent()).toBe('delivered');
    await expectFitsPhone();

    await page.getByRole('link', { name: 'Welcome Ana' }).click();
    await page.waitForURL(/\/ui\/messages\//);
    await page.getByTestId('message-subject').filter({ hasText: 'Welcome Ana' }).waitFor();
    expect(await page.getByTestId('message-subject').textContent()).toBe('Welcome Ana');
    expect(await page.getByTestId('message-to').textContent()).toBe('ana@example.com, cy@example.com');
    const frame = page.locator('iframe.mail-frame');
    expect(await frame.getAttribute('sandbox')).toBe(MAIL_SANDBOX);
    const mail = page.frameLocator('iframe.mail-frame');
    await mail.getByRole('heading', { name: 'Hello Ana' }).waitFor();
    await page.locator('[data-testid=event][data-type=delivered]').waitFor();
    expect(await page.locator('[data-testid=event][data-type=click]').count()).toBe(0);
    await expectFitsPhone();

    // Click the link inside the email: it opens in a new tab through the click tracking (the landing
    // page is stubbed: the test never leaves the machine), and the email stays in its frame.
    await page.context().route('https://example.org/**', (route) => route.fulfill({ body: 'landing page' }));
    const opened = page.waitForEvent('popup');
    await mail.getByRole('link', { name: 'Get started' }).click();
    const popup = await opened;
    await popup.waitForURL('https://example.org/start');
    expect(await popup.evaluate('window.opener')).toBeNull();
    await popup.close();
    await page.locator('[data-testid=event][data-type=click]').waitFor();
    expect(await page.locator('[data-testid=event][data-type=click]').textContent()).toContain(
      'https://example.org/start',
    );
    await mail.getByRole('heading', { name: 'Hello Ana' }).waitFor();
    // The event's details wrap instead of being cut off.
    const detail = page.locator('[data-testid=event][data-type=click] [data-testid=event-detail]');
    expect(await detail.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

    // The tabs follow the ARIA pattern: arrow keys and End move the selection, the panel names its tab.
    await page.getByRole('tab', { name: 'HTML' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Text' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    const rawTab = page.getByRole('tab', { name: 'Raw source' });
    expect(await rawTab.evaluate((tab) => tab === tab.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(
      await rawTab.getAttribute('id'),
    );
    // The raw source is fetched when the tab opens: wait for it rather than read the placeholder.
    await page.getByTestId('raw-source').filter({ hasText: 'Subject: Welcome Ana' }).waitFor();
    expect(await page.getByTestId('raw-source').textContent()).toContain('Subject: Welcome Ana');
    expect(watch.errors).toEqual([]);
    // Nothing failed to load: not even /favicon.ico.
    expect(watch.console.filter((line) => /Failed to load resource/.test(line))).toEqual([]);
  });

  it('shows a batch task paused by the warm-up, then finished after time travel confirmed in a dialog', async () => {
    const templateId = await setUpSender(h);
    const taskId = await batchTo(h, templateId, addresses(3));
    await page.goto(`${h.url}/ui/tasks`);
    const row = page.locator(`[data-testid=task-row][data-id="${taskId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('task-requested').textContent()).toBe('3');
    expect(await row.getByTestId('task-sent').textContent()).toBe('2');
    expect(await row.getByTestId('task-cached').textContent()).toBe('1');
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('67');
    await expectFitsPhone();
    expect(await row.textContent()).toContain('paused for today');

    await page.getByRole('button', { name: '+1 day' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row.getByTestId('task-sent').textContent()).toBe('2');

    // With the keyboard this time: focus goes back to the button that opened the dialog.
    await page.getByRole('button', { name: '+1 day' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').getByRole('button', { name: 'Travel' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('1 emails sent').waitFor();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('+1 day');
    await row.locator('[role=progressbar][aria-valuenow="100"]').waitFor();
    expect(await row.getByTestId('task-sent').textContent()).toBe('3');

    // An email of the task links to that task, highlighted.
    await page.getByRole('link', { name: 'Outbox' }).click();
    await rows().first().getByRole('link', { name: 'Spring newsletter' }).click();
    await page.getByTestId('message-subject').waitFor();
    await page
      .locator('.meta')
      .getByRole('link', { name: String(taskId) })
      .click();
    await page.waitForURL(`**/ui/tasks?id=${taskId}`);
    await page.locator(`[data-testid=task-row][data-id="${taskId}"].focused`).waitFor();

    await page.getByRole('link', { name: 'Warm-up' }).click();
    await page.getByTestId('warmup-day').waitFor();
    expect(await page.getByTestId('warmup-day').textContent()).toBe('2');
    // A day with a single email sent still gets a bar of its own.
    expect(
      await page
        .locator('[data-testid=warmup-sent-bar]')
        .evaluateAll((bars) =>
          bars.map((bar) => [bar.getAttribute('data-sent'), Number(bar.getAttribute('height')) >= 4]),
        ),
    ).toEqual([
      ['2', true],
      ['1', true],
    ]);
    await expectFitsPhone();
  });

  it('shows funnel numbers equal to GetStatisticsReport', async () => {
    await setUpSender(h);
    const id = await sendOne(h, 'ana@example.com', 'Offer', {
      html: '<a href="https://example.org/o">offer</a>',
    });
    await sendOne(h, 'bounce@simulator.test', 'Bounced');
    await sendOne(h, 'open@simulator.test', 'Opened');
    await sendOne(h, 'unsubscribe@simulator.test', 'Leaving');
    const detail = await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`);
    await fetch(/href="([^"]*\/t\/click\/[^"]+)"/.exec(detail.body.html ?? '')![1]!, { redirect: 'manual' });

    await page.goto(`${h.url}/ui/funnel`);
    await page.getByTestId('funnel-total-requested').waitFor();
    const start = await page.inputValue('input[name=start]');
    const end = await page.inputValue('input[name=end]');
    const report = await h.call('GetStatisticsReport', { StartDate: start, EndDate: end });
    const overall = report['OverallVolume'] as Record<string, number>;
    const shown = async (key: string) =>
      Number((await page.getByTestId(`funnel-total-${key}`).textContent())?.replace(/,/g, ''));
    expect({
      RequestCount: await shown('requested'),
      AcceptedCount: await shown('accepted'),
      DeliveredCount: await shown('delivered'),
      OpenedCount: await shown('opened'),
      ClickedCount: await shown('clicked'),
      BounceCount: await shown('bounced'),
      UnsubscribeCount: await shown('unsubscribed'),
    }).toEqual(overall);
    expect(overall['RequestCount']).toBe(4);
    expect(overall['ClickedCount']).toBe(1);
    const today = h.backend.now().toISOString().slice(0, 10);
    const todayRow = page.locator(`[data-testid=funnel-day][data-date="${today}"]`);
    expect(await todayRow.locator('[data-key=requested]').textContent()).toBe('4');

    // Another range: an empty day in the past.
    await page.fill('input[name=start]', '2020-01-01');
    await page.fill('input[name=end]', '2020-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('Total, 2020-01-01 to 2020-01-01').waitFor();
    expect(await page.getByTestId('funnel-total-requested').textContent()).toBe('0');

    // A refused range: the error, and no figures that would read as its answer.
    await page.fill('input[name=start]', '2020-01-05');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('funnel-total').count()).toBe(0);
    // From left empty: the server's default start is written back; the heading names the domain.
    await page.fill('input[name=start]', '');
    await page.fill('input[name=end]', today);
    await page.selectOption('select[name=domain]', DOMAIN);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('funnel-heading').filter({ hasText: DOMAIN }).waitFor();
    // The form takes the server's start in an effect after the answer renders: one frame later.
    await expect.poll(() => page.inputValue('input[name=start]')).toBe(start);
    expect(await page.getByTestId('funnel-heading').textContent()).toBe(
      `Total, ${start} to ${today}, sender domain ${DOMAIN}`,
    );
    await expectFitsPhone();

    // Paging: page 2 of the outbox, then a reset: back to an empty first page, no stale pager.
    for (let i = 0; i < 20; i++) await sendOne(h, `reader${i}@example.com`, `Bulk ${i}`);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('button', { name: 'Older →' }).click();
    await page.getByTestId('pager-range').filter({ hasText: '21–24 of 24' }).waitFor();
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Delete everything' }).click();
    await page.getByText('No emails captured yet.').waitFor();
    expect(await page.getByTestId('pager-range').count()).toBe(0);

    // Addresses that name nothing: a not-found view, no page error, no section highlighted.
    await page.goto(`${h.url}/ui/messages/%E0%A4%A`);
    await page.getByRole('heading', { name: 'No such message' }).waitFor();
    await page.goto(`${h.url}/ui/nope`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.locator('.nav a.active').count()).toBe(0);
    expect(watch.errors).toEqual([]);
  });

  // Two layers stop it, each enough alone: the iframe's `sandbox` (no allow-scripts), and the page's CSP (no inline
  // script), which the srcdoc document inherits. The attribute is asserted here, the header in api.test.ts.
  it('never runs script from a hostile email', async () => {
    await setUpSender(h);
    const hostile = [
      '<h1>Hostile content</h1>',
      "<script>document.title = 'pwned-script'; console.log('PWNED script'); alert('script');</script>",
      "<img src=\"x\" onerror=\"document.title = 'pwned-onerror'; console.log('PWNED onerror'); alert('onerror')\">",
      "<svg onload=\"console.log('PWNED svg'); alert('svg')\"></svg>",
      '<a id="js-link" href="javascript:console.log(\'PWNED link\');alert(\'link\')">click me</a>',
      '<form action="javascript:alert(\'form\')"><button id="js-form">submit</button></form>',
    ].join('');
    const subject = '<img src=x onerror=alert(1)>';
    const id = await sendOne(h, 'victim@example.com', subject, { html: hostile, text: 'hostile' });

    await page.goto(`${h.url}/ui/messages/${encodeURIComponent(id)}`);
    // The subject is shown as text, not markup.
    expect(await page.getByTestId('message-subject').textContent()).toBe(subject);
    const frame = page.frameLocator('iframe.mail-frame');
    await frame.getByRole('heading', { name: 'Hostile content' }).waitFor();
    const popups: string[] = [];
    page.on('popup', (popup) => popups.push(popup.url()));
    await frame.locator('#js-link').click();
    await frame.locator('#js-form').click();
    // Let anything that could still run do so: a round trip through the page's own event loop.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));

    const sandboxed = page.frames().find((candidate) => candidate.url() === 'about:srcdoc');
    expect(sandboxed).toBeDefined();
    // Links may open a new tab, nothing more: never scripts or the dashboard's origin.
    const sandbox = await page.locator('iframe.mail-frame').getAttribute('sandbox');
    expect(sandbox).toBe(MAIL_SANDBOX);
    expect(sandbox).not.toMatch(/allow-scripts|allow-same-origin|allow-top-navigation|allow-forms/);
    // The javascript: link lost its target: clicking it opened nothing.
    expect(popups).toEqual([]);
    expect(await sandboxed!.title()).not.toMatch(/pwned/);
    expect(await page.title()).toBe('SES emulator');
    expect(watch.dialogs).toEqual([]);
    expect(watch.console.filter((line) => line.includes('PWNED'))).toEqual([]);
    // Chromium says why: the frame is sandboxed without allow-scripts.
    expect(watch.console.some((line) => /sandboxed|Blocked script execution/i.test(line))).toBe(true);
  });
});
