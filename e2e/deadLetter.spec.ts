import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createJourney, publishJourney } from './fixtures/adminApi.ts';
import { track } from './fixtures/e2eServer.ts';
import { signIn } from './fixtures/signIn.ts';

/**
 * A customer's webhook endpoint that the test can fix: it refuses for good (404) until `accept()`, then answers
 * 204 and records what it was sent. 404 rather than 500: a refusal is dead-lettered at once, while a 500 is
 * retried 8 times with backoff (minutes) before it is.
 */
async function fixableTarget() {
  let status = 404;
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (status < 300) received.push(body);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    accept: () => (status = 204),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('failed offers show on the canvas with their error, and go out again on Retry once the target is fixed', async ({ page }, testInfo) => {
  const target = await fixableTarget();
  try {
    const id = await createJourney({
      schemaVersion: 1,
      name: 'Dead letter demo',
      settings: { reentry: 'never' },
      nodes: [
        { id: 't1', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'dl_signup' } },
        { id: 'o1', type: 'offer', position: { x: 320, y: 0 }, data: { offer: 'RETRY5', channel: 'webhook', url: target.url, template: 'Hi {{ user.id }}', cost: 1 } },
        { id: 'x1', type: 'exit', position: { x: 640, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'o1' },
        { id: 'e2', source: 'o1', target: 'x1' },
      ],
    });
    await publishJourney(id);
    const run = Date.now();
    const ann = `dl-ann-${run}`;
    const bob = `dl-bob-${run}`;
    await track(ann, 'dl_signup');
    await track(bob, 'dl_signup');

    await signIn(page);
    await page.goto(`/#/journeys/${id}`);

    // The signal: the header's totals and the (folded) panel's Deliveries button count the failures.
    await expect(page.getByTestId('totals-failed')).toHaveText('2 failed', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Deliveries (2)' }).click();
    const tab = page.getByRole('tab', { name: /Deliveries/ });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tab.locator('.tabs__count')).toHaveText('2');
    const panel = page.locator('#tabpanel-deliveries');
    await expect(panel).toBeVisible();

    const rows = panel.getByTestId('dead-row');
    await expect(rows).toHaveCount(2);
    const annRow = rows.filter({ hasText: ann });
    await expect(annRow).toContainText('RETRY5');
    await expect(annRow).toContainText('webhook');
    await expect(annRow).toContainText('1 attempt');
    await expect(annRow.getByTestId('dead-error')).toHaveText(/answered HTTP 404/);
    await page.screenshot({ path: testInfo.outputPath('dead-letter.png') });
    await testInfo.attach('dead letter', { path: testInfo.outputPath('dead-letter.png'), contentType: 'image/png' });

    // The step is named as the canvas names it; clicking it selects that step on the canvas.
    await annRow.getByRole('button', { name: 'Offer · Send RETRY5 by webhook' }).click();
    await expect(page.locator('.react-flow__node[data-id="o1"] .wm-node')).toHaveClass(/is-selected/);
    await page.getByRole('tab', { name: /Deliveries/ }).click();

    // The user id opens the user in the Users tab.
    await annRow.getByRole('button', { name: ann, exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Users' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('#tabpanel-user .user-card__id')).toHaveText(ann);
    await page.getByRole('tab', { name: /Deliveries/ }).click();

    // Fixed: one retried by hand, the other by Retry all.
    target.accept();
    await annRow.getByRole('button', { name: `Retry RETRY5 for ${ann}` }).click();
    await expect(annRow).toHaveCount(0);
    await expect(panel.getByTestId('dead-status')).toHaveText(`RETRY5 for ${ann} is queued to be sent again.`);
    await expect.poll(() => target.received.filter((body) => body.includes(ann)).length, { timeout: 15_000 }).toBe(1);

    await panel.getByRole('button', { name: 'Retry all' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry 1 failed offer?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Retry 1 offer' }).click();
    await expect(panel.getByTestId('dead-status')).toHaveText('The offer is queued to be sent again.');
    await expect(panel.getByText('No failed deliveries')).toBeVisible();
    await expect.poll(() => target.received.filter((body) => body.includes(bob)).length, { timeout: 15_000 }).toBe(1);

    // Once delivered, nothing is counted as failed any more.
    await expect(page.getByTestId('totals-failed')).toHaveCount(0);
    await expect(tab.locator('.tabs__count')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('dead-letter-retried.png') });
    await testInfo.attach('after retry', { path: testInfo.outputPath('dead-letter-retried.png'), contentType: 'image/png' });
  } finally {
    await target.close();
  }
});
