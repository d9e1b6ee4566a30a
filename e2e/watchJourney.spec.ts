import { expect, test } from '@playwright/test';
import { adminGet, track } from './fixtures/e2eServer.ts';
import { signIn } from './fixtures/signIn.ts';

test('a wrong admin token is refused with a clear message', async ({ page }) => {
  await signIn(page, 'not-the-token');
  await expect(page.getByRole('alert')).toContainText('not accepted');
});

test('a marketer opens a seeded journey and watches sign-ups flow through it live', async ({ page }, testInfo) => {
  await signIn(page);
  const link = page.getByRole('link', { name: 'Activate new sign-ups' });
  await expect(link).toBeVisible();
  await expect(page.getByRole('link', { name: 'Win back silent users' })).toBeVisible();
  await link.click();

  const trigger = page.locator('.react-flow__node[data-id="t1"]');
  await expect(trigger).toContainText('When signed_up');
  const entered = trigger.locator('.wm-node__count', { hasText: 'Entered' }).locator('dd');
  await expect(entered).toHaveText(/^\d+$/);
  const before = Number(await entered.textContent());

  // Fresh ids each time: a user who has been through the journey does not enter it again.
  const run = Date.now();
  const users = [`e2e-ann-${run}`, `e2e-bob-${run}`, `e2e-cat-${run}`];
  for (const user of users) await track(user, 'signed_up');

  // The counts change on the canvas without a reload, and each user's offer reaches the (signed) demo inbox.
  await expect(entered).toHaveText(String(before + users.length));
  await expect(page.locator('.react-flow__node[data-id="w1"] .wm-node__count', { hasText: 'Waiting' }).locator('dd')).toHaveText(
    String(before + users.length),
  );
  await expect
    .poll(async () => {
      const { messages } = await adminGet<{ messages: Array<{ verified: boolean; body: { userId?: string; offer?: string } }> }>('/api/sink');
      return messages.filter((m) => m.verified && m.body.offer === 'WELCOME10' && users.includes(m.body.userId ?? '')).length;
    })
    .toBe(users.length);
  await page.screenshot({ path: testInfo.outputPath('live-counts.png') });
  await testInfo.attach('live counts', { path: testInfo.outputPath('live-counts.png'), contentType: 'image/png' });
});
