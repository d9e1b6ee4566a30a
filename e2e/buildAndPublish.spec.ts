import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { adminGet, E2E, track } from './fixtures/e2eServer.ts';
import { JourneyEditor } from './fixtures/JourneyEditor.ts';
import { signIn } from './fixtures/signIn.ts';
import { hasValidSignature, startWebhookSink, type WebhookSink } from './fixtures/webhookSink.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFER_CODE = 'COMEBACK14';

interface Draft {
  nodes: Array<{ id: string; data: Record<string, unknown> }>;
  edges: Array<{ source: string; sourceHandle: string; target: string }>;
}

let sink: WebhookSink;
/** Users this test made silent; woken up afterwards, so no later publish of a "goes quiet" journey takes them in. */
const silentUsers: string[] = [];

test.beforeEach(async () => {
  sink = await startWebhookSink();
});
test.afterEach(async () => {
  for (const user of silentUsers.splice(0)) await track(user, 'app_open');
  await sink.close();
});

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name.replaceAll(' ', '-')}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('a marketer builds a win-back journey by hand, publishes it, and watches a silent user go through it', async ({ page }, testInfo) => {
  await signIn(page);
  const editor = await JourneyEditor.createFromList(page);
  const trigger = (await editor.nodeIds())[0] as string;

  // Room for six steps: zoom out a little and bring the trigger to the top left.
  await editor.zoomOut(2);
  const triggerBox = await editor.node(trigger).boundingBox();
  const paneBox = await editor.pane.boundingBox();
  if (!triggerBox || !paneBox) throw new Error('the canvas is not drawn');
  const triggerCentre = { x: triggerBox.x - paneBox.x + triggerBox.width / 2, y: triggerBox.y - paneBox.y + triggerBox.height / 2 };
  await editor.pan({ x: 560, y: 450 }, Math.round(110 - triggerCentre.x), Math.round(120 - triggerCentre.y));

  // Trigger: users who have not opened the app for 14 days.
  await editor.select(trigger);
  await editor.inspector.getByRole('radio', { name: 'When a user goes quiet' }).check();
  await editor.inspector.getByRole('textbox', { name: 'Quiet for', exact: true }).fill('14');
  await editor.inspector.getByRole('combobox', { name: 'Quiet for unit' }).selectOption('d');
  await editor.inspector.getByRole('textbox', { name: 'Only count this event' }).fill('app_open');
  await expect(editor.node(trigger)).toContainText('Silent for 14 days (no app_open)');

  // Offer: a coupon posted to the customer's webhook (a local sink standing in for it).
  const offer = await editor.dropStep('offer', { x: 320, y: 120 });
  await expect(editor.inspector.getByTestId('inspector-node-id')).toHaveText(offer);
  await editor.inspector.getByRole('textbox', { name: 'Offer code' }).fill(OFFER_CODE);
  await editor.inspector.getByRole('radio', { name: 'Webhook' }).check();
  await editor.inspector.getByRole('textbox', { name: 'Webhook URL' }).fill(sink.url('/offers'));
  await editor.inspector.getByRole('textbox', { name: 'Message', exact: true }).fill('We miss you! Here is {{ offer.code }}.');
  await expect(editor.node(offer)).toContainText(`Send ${OFFER_CODE} by webhook`);

  // Wait until a purchase, giving up after 3 days.
  const wait = await editor.dropStep('wait', { x: 530, y: 120 });
  await editor.inspector.getByRole('radio', { name: 'Until an event' }).check();
  await editor.inspector.getByRole('textbox', { name: 'Event name' }).fill('purchase');
  await editor.inspector.getByRole('textbox', { name: 'Give up after', exact: true }).fill('3');
  await editor.inspector.getByRole('combobox', { name: 'Give up after unit' }).selectOption('d');
  await expect(editor.node(wait)).toContainText('Until purchase · 3 days');

  // Branch on the vip tag, each side ending in an exit.
  const branch = await editor.dropStep('branch', { x: 120, y: 390 });
  await editor.inspector.getByRole('textbox', { name: 'Has the tag' }).fill('vip');
  await expect(editor.node(branch)).toContainText('Has tag vip?');
  const vipExit = await editor.dropStep('exit', { x: 380, y: 340 });
  const otherExit = await editor.dropStep('exit', { x: 380, y: 470 });

  // Every output connected by hand, handle to handle.
  await editor.connect(trigger, 'next', offer);
  await editor.connect(offer, 'next', wait);
  await editor.connect(wait, 'event', branch);
  await editor.connect(wait, 'timeout', branch);
  await editor.connect(branch, 'yes', vipExit);
  await editor.connect(branch, 'no', otherExit);

  await expect(editor.problemsTab).toContainText('0');
  await expect(editor.publishButton).toBeEnabled();
  await expect(page.locator('#publish-note')).toHaveText('Ready to go live');
  await editor.waitUntilSaved();
  await screenshot(page, testInfo, 'built journey');

  // What was saved is what was built: the server's draft has exactly these connections.
  const { draft } = await adminGet<{ draft: Draft }>(`/api/journeys/${editor.journeyId()}`);
  expect(draft.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}`).sort()).toEqual(
    [
      `${trigger}.next->${offer}`,
      `${offer}.next->${wait}`,
      `${wait}.event->${branch}`,
      `${wait}.timeout->${branch}`,
      `${branch}.yes->${vipExit}`,
      `${branch}.no->${otherExit}`,
    ].sort(),
  );
  expect(draft.nodes.find((n) => n.id === trigger)?.data).toEqual({ inactiveFor: '14d', event: 'app_open' });
  expect(draft.nodes.find((n) => n.id === wait)?.data).toEqual({ until: { event: 'purchase' }, timeout: '3d' });

  await editor.publishButton.click();
  await expect(page.getByRole('status').filter({ hasText: 'Published v1' })).toBeVisible();
  await expect(page.locator('.journey-header__version')).toContainText('v1 published');
  await expect(editor.count(trigger, 'Entered')).toHaveText('0');

  // A user whose last app_open was 20 days ago has been silent 14+ days: the journey takes them at once.
  // Exact counts below rely on nobody else being silent at publish time (they would enter too): the e2e server
  // starts with no users, and afterEach wakes this one up.
  const user = `e2e-silent-${Date.now()}`;
  silentUsers.push(user);
  await track(user, 'app_open', {}, { timestamp: new Date(Date.now() - 20 * DAY_MS) });

  await expect
    .poll(() => sink.received.filter((w) => w.body?.userId === user).length, { message: 'the offer reaches the webhook', timeout: 15_000 })
    .toBe(1);
  const [delivered] = sink.received.filter((w) => w.body?.userId === user);
  expect(delivered?.path).toBe('/offers');
  expect(delivered?.headers['webhook-signature']).toMatch(/^v1,/);
  expect(hasValidSignature(delivered!, E2E.env.WEBHOOK_SECRET)).toBe(true);
  expect(delivered?.body).toMatchObject({
    type: 'offer.sent',
    offer: OFFER_CODE,
    userId: user,
    journeyId: editor.journeyId(),
    node: offer,
    message: `We miss you! Here is ${OFFER_CODE}.`,
  });

  // The canvas counts move without a reload: in through the trigger, past the offer, now waiting for a purchase.
  await expect(editor.count(trigger, 'Entered')).toHaveText('1', { timeout: 15_000 });
  await expect(editor.count(offer, 'Passed')).toHaveText('1');
  await expect(editor.count(wait, 'Waiting')).toHaveText('1');
  await expect(editor.count(branch, 'Entered')).toHaveText('0');
  await screenshot(page, testInfo, 'live counts');
});
