import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { E2E, track } from './fixtures/e2eServer.ts';
import { signIn } from './fixtures/signIn.ts';

/** A webhook target the test can turn from "refuses for good" (404) into "accepts" (204). */
async function switchableTarget() {
  let status = 404;
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${E2E.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${E2E.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

test('a failed offer shows in the Deliveries tab and goes out again on Retry once the target is fixed', async ({ page }, testInfo) => {
  const target = await switchableTarget();
  try {
    const { id } = await admin('POST', '/api/journeys', {
      name: 'Dead letter demo',
      nodes: [
        { id: 't1', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'dl_signup' } },
        { id: 'o1', type: 'offer', position: { x: 300, y: 0 }, data: { offer: 'RETRY5', channel: 'webhook', url: target.url, template: 'Hi {{ user.id }}', cost: 1 } },
        { id: 'x1', type: 'exit', position: { x: 600, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'o1' },
        { id: 'e2', source: 'o1', target: 'x1' },
      ],
    });
    await admin('POST', `/api/journeys/${id}/publish`);
    const user = `dl-${Date.now()}`;
    await track(user, 'dl_signup');

    await signIn(page);
    await page.goto(`${E2E.url}/#/journeys/${id}`);
    // The target answered 404: refused for good, so the offer is dead-lettered at once and counted on the
    // (folded) panel's Deliveries button.
    await page.getByRole('button', { name: 'Deliveries (1)' }).click({ timeout: 15_000 });
    await expect(page.getByRole('tab', { name: /Deliveries/ })).toHaveAttribute('aria-selected', 'true');
    const row = page.getByTestId('dead-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('RETRY5');
    await expect(row).toContainText(user);
    await expect(row).toContainText('HTTP 404');
    await page.screenshot({ path: testInfo.outputPath('dead-letter.png') });
    await testInfo.attach('dead letter', { path: testInfo.outputPath('dead-letter.png'), contentType: 'image/png' });

    target.accept();
    await row.getByRole('button', { name: 'Retry', exact: true }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByText('No failed deliveries')).toBeVisible();
    await expect.poll(() => target.received.filter((b) => b.includes(user)).length, { timeout: 15_000 }).toBe(1);
  } finally {
    await target.close();
  }
});
