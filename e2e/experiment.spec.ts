import { expect, test, type Locator, type Page } from '@playwright/test';
import { trackBatch } from './fixtures/adminApi.ts';
import { adminGet, E2E } from './fixtures/e2eServer.ts';
import { armsByOffer, sendTraffic, type Arm } from './fixtures/experimentTraffic.ts';
import { JourneyEditor } from './fixtures/JourneyEditor.ts';
import { signIn } from './fixtures/signIn.ts';
import { startWebhookSink, type WebhookSink } from './fixtures/webhookSink.ts';

/** Each variant's offer code, and the arm a received code means. */
const CODES = { A: 'A10', B: 'B25' } as const;

/** How long after the split a purchase still counts for the arm (the journey's setting), in milliseconds. */
const WINDOW_MS = 3_000;
/** Users arrive in waves small enough that every buyer's purchase lands well inside their window. */
const WAVES = 8;
const WAVE_SIZE = 45;

interface Draft {
  nodes: Array<{ id: string; type: string; data: Record<string, unknown> }>;
  edges: Array<{ source: string; sourceHandle: string; target: string }>;
}

interface Report {
  status: string;
  arms: Array<{ id: string; entered: number; converted: number; pending: number; pendingConverted: number }>;
  verdict: { status: string; winner?: string };
}

let sink: WebhookSink;

test.beforeEach(async () => {
  sink = await startWebhookSink();
});
test.afterEach(async () => {
  await sink.close();
});

/** The journey the marketer starts from: `go` → offer A10 by webhook → exit, with `purchase` as the goal. */
function offerJourney(name: string, url: string) {
  return {
    name,
    description: 'Experiment end-to-end test: one offer, about to be A/B tested against a bigger one.',
    settings: { reentry: 'never', attributionWindow: '3s' },
    nodes: [
      { id: 't1', type: 'trigger', position: { x: 0, y: 160 }, data: { event: 'go' } },
      { id: 'o1', type: 'offer', position: { x: 320, y: 160 }, data: { offer: CODES.A, channel: 'webhook', url, template: 'Here is {{ offer.code }}.', cost: 1 } },
      { id: 'x1', type: 'exit', position: { x: 640, y: 160 }, data: {} },
      { id: 'g1', type: 'goal', position: { x: 320, y: 0 }, data: { event: 'purchase' } },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'o1', sourceHandle: 'next' },
      { id: 'e2', source: 'o1', target: 'x1', sourceHandle: 'next' },
    ],
  };
}

async function createJourney(doc: unknown): Promise<string> {
  const res = await fetch(`${E2E.url}/api/journeys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  if (res.status !== 201) throw new Error(`creating the journey failed: ${res.status} ${await res.text()}`);
  const { id, violations } = (await res.json()) as { id: string; violations: unknown[] };
  expect(violations, 'the starting journey is publishable').toEqual([]);
  return id;
}

/** Waits until every one of `userIds` has had an offer, and returns each one's arm by the offer's code. */
function armsOf(userIds: readonly string[]): Promise<Map<string, Arm>> {
  return armsByOffer(sink, userIds, CODES, "gets exactly one offer, A's or B's");
}

/** One figure of the per-arm table ("Users", "Converted", …) for one arm. */
function armCell(page: Page, measure: string, arm: Arm): Locator {
  return page
    .getByTestId('experiment-arms')
    .locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${measure}$`) }) })
    .locator(`td[data-arm="${arm}"]`);
}

test('a marketer A/B tests a bigger offer with a split, reads a clear verdict once the attribution window closes, and promotes B', async ({ page }, testInfo) => {
  test.setTimeout(120_000);

  // The journey as it runs today: everyone who does `go` gets A10.
  const name = `Offer experiment ${Date.now()}`;
  const journeyId = await createJourney(offerJourney(name, sink.url('/offers')));
  await signIn(page);
  const editor = await JourneyEditor.openFromList(page, name);
  expect(editor.journeyId()).toBe(journeyId);

  // A split goes in front of the offer ("+" on the connection): its first variant keeps today's offer.
  const split = await editor.insertOnEdge('e1', 'split');
  await expect(editor.edgesBetween('t1', split)).toHaveCount(1);
  await expect(editor.edgesBetween(split, 'o1')).toHaveCount(1);
  await expect(editor.edgesBetween('t1', 'o1')).toHaveCount(0);

  // 50/50 between A and B, nobody held out.
  const form = editor.inspector;
  await form.getByLabel('Variant 1 id').fill('A');
  await form.getByLabel('Variant 1 weight').fill('50');
  await form.getByLabel('Variant 2 id').fill('B');
  await form.getByLabel('Variant 2 weight').fill('50');
  await form.getByTestId('split-holdout').fill('0');
  await expect(form.getByTestId('split-variant-id-2')).toHaveCount(0);
  await expect(editor.node(split)).toContainText('Split A 50% · B 50%');
  await expect(editor.node(split)).not.toContainText('holdout');

  // Variant B: a second, bigger offer, to the same webhook, then out. The whole journey in view first, so the new
  // step lands beside it and every handle is within reach.
  await editor.fitView();
  const offerB = await editor.addStep('offer');
  await form.getByRole('textbox', { name: 'Offer code' }).fill(CODES.B);
  await form.getByRole('radio', { name: 'Webhook' }).check();
  await form.getByRole('textbox', { name: 'Webhook URL' }).fill(sink.url('/offers'));
  await form.getByRole('textbox', { name: 'Message', exact: true }).fill('Here is {{ offer.code }}: 25% off.');
  await expect(editor.node(offerB)).toContainText(`Send ${CODES.B} by webhook`);
  await editor.fitView();
  await editor.connect(split, 'B', offerB);
  await editor.connect(offerB, 'next', 'x1');

  await expect(editor.problemsTab).toContainText('0');
  await editor.waitUntilSaved();
  const { draft } = await adminGet<{ draft: Draft }>(`/api/journeys/${journeyId}`);
  expect(draft.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}`).sort()).toEqual(
    [`t1.next->${split}`, `${split}.A->o1`, `${split}.B->${offerB}`, 'o1.next->x1', `${offerB}.next->x1`].sort(),
  );
  expect(draft.nodes.find((n) => n.id === split)?.data).toEqual({ variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 0 });

  expect(await editor.publish()).toBe(1);

  // The Experiment tab is there once the split is live, collecting.
  await editor.openPanel('Experiment');
  const panel = page.getByTestId('experiment-panel');
  const verdict = page.getByTestId('experiment-verdict');
  await expect(panel).toHaveAttribute('data-status', 'running');
  await expect(verdict).toHaveAttribute('data-status', 'collecting');

  // Traffic: users do `go`, the webhook tells which offer (so which arm) each got, and some of them buy.
  const { assigned, bought, slowestWave } = await sendTraffic({
    waves: WAVES,
    waveSize: WAVE_SIZE,
    windowMs: WINDOW_MS,
    userPrefix: journeyId,
    enter: (users) => trackBatch(users, 'go'),
    purchase: (buyers) => trackBatch(buyers, 'purchase', { revenue: 20 }),
    armsOf,
  });
  testInfo.annotations.push({ type: 'slowest wave', description: `${slowestWave} ms from go to purchases (window ${WINDOW_MS} ms)` });
  const users = assigned.A + assigned.B;
  // Enough users in each arm for a verdict, whichever way the hash fell.
  expect(Math.min(assigned.A, assigned.B)).toBeGreaterThanOrEqual(130);

  // The last users' windows are still open: they are pending, not yet counted.
  const early = await adminGet<Report>(`/api/journeys/${journeyId}/experiment`);
  const pending = early.arms.reduce((sum, arm) => sum + arm.pending, 0);
  expect(pending, 'users still inside their attribution window are pending').toBeGreaterThan(0);
  expect(early.arms.reduce((sum, arm) => sum + arm.entered + arm.pending, 0)).toBe(users);

  // Once every window has closed, the verdict: B converts better, with no sample-ratio alarm.
  await expect(verdict).toHaveAttribute('data-status', 'winner', { timeout: 30_000 });
  await expect(verdict).toContainText('B wins');
  await expect(page.getByTestId('experiment-verdict-text')).toHaveText(/^B converts [\d,.]+% better than A \(95% interval [\d,.]+% to [\d,.]+%\); enough evidence\./);
  await expect(page.getByTestId('srm-banner')).toHaveCount(0);
  await expect(page.getByTestId('experiment-chart')).toBeVisible();
  await expect(page.getByTestId('experiment-arms')).toBeVisible();
  for (const arm of ['A', 'B'] as const) {
    await expect(armCell(page, 'Users', arm)).toHaveText(String(assigned[arm]));
    await expect(armCell(page, 'Converted', arm)).toHaveText(String(bought[arm]));
    await expect(page.getByTestId(`split-count-${split}-${arm}`)).toHaveText(String(assigned[arm]));
  }
  const matured = await adminGet<Report>(`/api/journeys/${journeyId}/experiment`);
  expect(matured.arms.map(({ id, entered, converted, pending: left }) => ({ id, entered, converted, pending: left }))).toEqual([
    { id: 'A', entered: assigned.A, converted: bought.A, pending: 0 },
    { id: 'B', entered: assigned.B, converted: bought.B, pending: 0 },
  ]);

  // The canvas (arms counted on the split) beside the panel, as the marketer sees them.
  const shot = testInfo.outputPath('experiment-panel.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('experiment panel', { path: shot, contentType: 'image/png' });

  // Promote B: the verdict backs it, so the dialog asks plainly.
  const promote = page.getByTestId('promote-B');
  await expect(promote).toHaveAttribute('data-conclusive', 'true');
  await promote.click();
  await expect(page.getByRole('dialog', { name: 'Promote B?' })).toBeVisible();
  await expect(page.getByTestId('promote-caution')).toHaveCount(0);
  await page.getByTestId('promote-confirm').click();
  await expect(page.getByTestId('experiment-promoted')).toContainText('Promoted B');
  await expect(panel).toHaveAttribute('data-status', 'promoted');
  await expect(editor.node(split)).toContainText('B promoted');

  // Everyone new now gets B's offer.
  const newcomers = Array.from({ length: 20 }, (_, i) => `${journeyId}-new${i}`);
  await trackBatch(newcomers, 'go');
  const newcomerArms = await armsOf(newcomers);
  expect([...newcomerArms.values()]).toEqual(newcomers.map(() => 'B'));
});
