import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { createJourney, publishJourney, trackBatch } from './fixtures/adminApi.ts';
import { adminGet } from './fixtures/e2eServer.ts';
import { armsByOffer, sendTraffic, type Arm } from './fixtures/experimentTraffic.ts';
import { signIn } from './fixtures/signIn.ts';
import { startWebhookSink, type WebhookSink } from './fixtures/webhookSink.ts';

/** Each journey's offer code, and the arm a received code means. */
const CODES = { A: 'SHIP10', B: 'SHIPFREE' } as const;

/** How long after entering a journey a purchase still counts for its arm (both journeys' setting), in ms. */
const WINDOW_MS = 3_000;
/** Users arrive in waves small enough that every buyer's purchase lands well inside their window. */
const WAVES = 7;
const WAVE_SIZE = 45;

interface Detail {
  id: string;
  status: string;
  report: { arms: Array<{ id: string; entered: number; converted: number; pending: number; journeyId?: string }>; verdict: { status: string; winner?: string } };
}

let sink: WebhookSink;

test.beforeEach(async () => {
  sink = await startWebhookSink();
});
test.afterEach(async () => {
  await sink.close();
});

/** A journey like the activation example, cut down: `trigger` → one offer by webhook → exit, `purchase` as the goal. */
function offerJourney(name: string, offer: string, trigger = 'signup') {
  return {
    name,
    description: 'Journey experiment end-to-end test: one welcome offer.',
    settings: { reentry: 'never', attributionWindow: '3s' },
    nodes: [
      { id: 't1', type: 'trigger', position: { x: 0, y: 160 }, data: { event: trigger } },
      { id: 'o1', type: 'offer', position: { x: 320, y: 160 }, data: { offer, channel: 'webhook', url: sink.url('/offers'), template: 'Welcome! Here is {{ offer.code }}.', cost: 1 } },
      { id: 'x1', type: 'exit', position: { x: 640, y: 160 }, data: {} },
      { id: 'g1', type: 'goal', position: { x: 320, y: 0 }, data: { event: 'purchase' } },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'o1', sourceHandle: 'next' },
      { id: 'e2', source: 'o1', target: 'x1', sourceHandle: 'next' },
    ],
  };
}

async function publishedJourney(name: string, offer: string, trigger?: string): Promise<string> {
  const id = await createJourney(offerJourney(name, offer, trigger));
  expect(await publishJourney(id)).toBe(1);
  return id;
}

/** Waits until every one of `userIds` has had an offer, and returns each one's arm by the offer's code. */
function armsOf(userIds: readonly string[]): Promise<Map<string, Arm>> {
  return armsByOffer(sink, userIds, CODES, 'enters exactly one of the journeys');
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name.replaceAll(' ', '-')}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** One figure of the per-arm table ("Users", "Converted", …) for one arm. */
function armCell(page: Page, measure: string, arm: Arm): Locator {
  return page
    .getByTestId('experiment-arms')
    .locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${measure}$`) }) })
    .locator(`td[data-arm="${arm}"]`);
}

test('a marketer tests two journeys side by side, reads a clear verdict once the attribution window closes, and promotes B', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const run = Date.now();
  const nameA = `Welcome 10% off ${run}`;
  const nameB = `Welcome free shipping ${run}`;
  const nameOther = `Welcome on another trigger ${run}`;
  const journeyA = await publishedJourney(nameA, CODES.A);
  const journeyB = await publishedJourney(nameB, CODES.B);
  await publishedJourney(nameOther, 'OTHER', 'registered');
  const { experiments: before } = await adminGet<{ experiments: unknown[] }>('/api/experiments');

  // The Experiments page, from the top navigation.
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
  await expect(page).toHaveURL(/#\/experiments$/);
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  if (before.length === 0) await expect(page.getByTestId('experiments-empty')).toContainText('Test two versions of a journey side by side');

  // New experiment: A is today's journey, B the copy with free shipping, 50/50.
  await page.getByRole('button', { name: 'New experiment' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New experiment' });
  await expect(dialog).toBeVisible();
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await name.fill('');
  await dialog.getByLabel('Journey for variant A').selectOption({ label: nameA });
  // First the journey on another trigger, which the server refuses for B.
  await dialog.getByLabel('Journey for variant B').selectOption({ label: nameOther });
  await dialog.getByLabel('Weight of variant A').fill('50');
  await dialog.getByLabel('Weight of variant B').fill('50');
  await dialog.getByRole('textbox', { name: 'Holdout' }).fill('0');

  // Checked before anything is sent: the name is missing.
  await dialog.getByRole('button', { name: 'Start experiment' }).click();
  await expect(dialog.getByText('Expected a name for the experiment')).toBeVisible();
  await name.fill(`Free shipping vs 10% off ${run}`);
  await expect(dialog.getByText('Expected a name for the experiment')).toHaveCount(0);

  // The server's refusal lands on the variant it is about.
  await dialog.getByRole('button', { name: 'Start experiment' }).click();
  const rowB = dialog.getByRole('group', { name: 'Variant B' });
  await expect(rowB).toContainText('must start on the same trigger as the control');
  await expect(dialog.getByLabel('Journey for variant B')).toHaveAttribute('aria-invalid', 'true');
  await attachScreenshot(page, testInfo, 'new experiment refused');
  await dialog.getByLabel('Journey for variant B').selectOption({ label: nameB });
  await expect(rowB).not.toContainText('same trigger');

  await dialog.getByRole('button', { name: 'Start experiment' }).click();
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/);
  const experimentId = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/experiments\//, ''));
  const experimentPage = page.getByTestId('journey-experiment-page');
  await expect(experimentPage).toHaveAttribute('data-status', 'running');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Free shipping vs 10% off ${run}`);
  await expect(page.getByTestId('experiment-variant-A').getByRole('link', { name: nameA })).toHaveAttribute('href', `#/journeys/${journeyA}`);
  await expect(page.getByTestId('experiment-variant-B').getByRole('link', { name: nameB })).toHaveAttribute('href', `#/journeys/${journeyB}`);
  await expect(page.getByTestId('experiment-verdict')).toHaveAttribute('data-status', 'collecting');

  // The journeys list says which journeys are under test, and leads back to the experiment.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journeys' }).click();
  const badgeB = page.locator(`tr[data-journey-id="${journeyB}"]`).getByTestId('journey-experiment-badge');
  await expect(badgeB).toHaveText(`In experiment: Free shipping vs 10% off ${run} (B)`);
  await expect(page.locator(`tr[data-journey-id="${journeyA}"]`).getByTestId('journey-experiment-badge')).toContainText('(A)');
  await attachScreenshot(page, testInfo, 'journeys under test');
  await badgeB.click();
  await expect(page).toHaveURL(new RegExp(`#/experiments/${experimentId}$`));
  await expect(experimentPage).toBeVisible();

  // So does the journey's own page, reached from the experiment's variant.
  await page.getByTestId('experiment-variant-A').getByRole('link', { name: nameA }).click();
  await expect(page).toHaveURL(new RegExp(`#/journeys/${journeyA}$`));
  const headerBadge = page.locator('.journey-header').getByTestId('journey-experiment-badge');
  await expect(headerBadge).toHaveText(`In experiment: Free shipping vs 10% off ${run} (A)`);
  await headerBadge.click();
  await expect(experimentPage).toHaveAttribute('data-status', 'running');

  // Traffic: users sign up, the webhook tells which journey (so which arm) each entered, and some of them buy.
  const { assigned, bought, slowestWave } = await sendTraffic({
    waves: WAVES,
    waveSize: WAVE_SIZE,
    windowMs: WINDOW_MS,
    userPrefix: experimentId,
    enter: (users) => trackBatch(users, 'signup'),
    purchase: (buyers) => trackBatch(buyers, 'purchase', { revenue: 20 }),
    armsOf,
  });
  testInfo.annotations.push({ type: 'slowest wave', description: `${slowestWave} ms from signup to purchases (window ${WINDOW_MS} ms)` });
  const users = assigned.A + assigned.B;
  expect(Math.min(assigned.A, assigned.B), 'enough users in each arm for a verdict').toBeGreaterThanOrEqual(120);

  // The last users' windows are still open: they are counted in the header and as pending, not yet analysed.
  const early = await adminGet<Detail>(`/api/experiments/${encodeURIComponent(experimentId)}`);
  expect(early.report.arms.map((arm) => [arm.id, arm.journeyId])).toEqual([
    ['A', journeyA],
    ['B', journeyB],
  ]);
  expect(early.report.arms.reduce((sum, arm) => sum + arm.entered + arm.pending, 0)).toBe(users);

  // Once every window has closed, the verdict: B converts better.
  const verdict = page.getByTestId('experiment-verdict');
  await expect(verdict).toHaveAttribute('data-status', 'winner', { timeout: 30_000 });
  await expect(verdict).toContainText('B wins');
  await expect(page.getByTestId('experiment-verdict-text')).toHaveText(/^B converts [\d,.]+% better than A \(95% interval [\d,.]+% to [\d,.]+%\); enough evidence\./);
  await expect(page.getByTestId('srm-banner')).toHaveCount(0);
  await expect(page.getByTestId('experiment-panel')).toContainText(`${users} users · conversions within 3 seconds of entering the journey`);
  const arms = page.getByTestId('experiment-arms');
  await expect(arms.getByRole('link', { name: nameB })).toHaveAttribute('href', `#/journeys/${journeyB}`);
  for (const arm of ['A', 'B'] as const) {
    await expect(armCell(page, 'Users', arm)).toHaveText(String(assigned[arm]));
    await expect(armCell(page, 'Converted', arm)).toHaveText(String(bought[arm]));
    await expect(armCell(page, 'In window', arm)).toHaveText('—');
  }

  await attachScreenshot(page, testInfo, 'journey experiment');

  // Promote B: the verdict backs it, so the dialog asks plainly and names B's journey.
  const promote = page.getByTestId('promote-B');
  await expect(promote).toHaveAttribute('data-conclusive', 'true');
  await promote.click();
  const confirm = page.getByRole('dialog', { name: 'Promote B?' });
  await expect(confirm).toContainText(`enters B's journey, “${nameB}”`);
  await expect(page.getByTestId('promote-caution')).toHaveCount(0);
  await page.getByTestId('promote-confirm').click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('experiment-promoted')).toContainText(`Promoted B: 100% of new entrants now go to B's journey, “${nameB}”`);
  await expect(experimentPage).toHaveAttribute('data-status', 'promoted');
  await expect(page.getByTestId('experiment-status')).toHaveText('Ended · B promoted');
  await expect(page.getByTestId('experiment-panel')).toHaveAttribute('data-status', 'promoted');
  await expect(page.getByTestId('promote-A')).toHaveCount(0);

  // Everyone new now enters B's journey.
  const newcomers = Array.from({ length: 20 }, (_, i) => `${experimentId}-new${i}`);
  await trackBatch(newcomers, 'signup');
  const newcomerArms = await armsOf(newcomers);
  expect([...newcomerArms.values()]).toEqual(newcomers.map(() => 'B'));

  // The list shows it ended, and the journeys are no longer marked as under test.
  await page.getByRole('link', { name: '← Experiments' }).click();
  const item = page.locator(`[data-experiment-id="${experimentId}"]`);
  await expect(item.getByTestId('experiment-status')).toHaveText('Ended · B promoted');
  await expect(item).toContainText(`A · ${nameA}50%`);
  await expect(item).toContainText(`B · ${nameB}50%`);
  await attachScreenshot(page, testInfo, 'experiments list');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journeys' }).click();
  await expect(page.locator(`tr[data-journey-id="${journeyA}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-journey-id="${journeyB}"]`).getByTestId('journey-experiment-badge')).toHaveCount(0);
});
