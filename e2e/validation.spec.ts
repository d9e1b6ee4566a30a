import { expect, test } from '@playwright/test';
import { adminGet } from './fixtures/e2eServer.ts';
import { JourneyEditor } from './fixtures/JourneyEditor.ts';
import { signIn } from './fixtures/signIn.ts';

/** A new journey made publishable by hand: its trigger leads straight to an exit. */
async function validJourney(editor: JourneyEditor) {
  const trigger = (await editor.nodeIds())[0] as string;
  const exit = await editor.dropStep('exit', { x: 560, y: 200 });
  await editor.connect(trigger, 'next', exit);
  await expect(editor.publishButton).toBeEnabled();
  return { trigger, exit };
}

test('a step left unconnected blocks publishing, is listed as a problem, and the problem leads to it', async ({ page }, testInfo) => {
  await signIn(page);
  const editor = await JourneyEditor.createFromList(page);
  const { trigger } = await validJourney(editor);
  await expect(editor.problemsTab).toContainText('0');

  const tag = await editor.dropStep('tag', { x: 200, y: 520 });

  // Nothing leads to the tag and its output leads nowhere: two problems, and Publish says so.
  await expect(editor.publishButton).toBeDisabled();
  await expect(editor.publishButton).toHaveAttribute('title', 'Fix 2 problems to publish');
  await expect(page.locator('#publish-note')).toHaveText('Fix 2 problems to publish');
  await expect(editor.node(tag).locator('.wm-node')).toHaveClass(/\bis-invalid\b/);
  await expect(editor.problemsTab).toContainText('2');

  // Look elsewhere (another step selected, the canvas moved on) before asking the Problems panel.
  await editor.select(trigger);
  await editor.pan({ x: 560, y: 420 }, -300, -300);
  await editor.problemsTab.click();
  const problems = editor.problemsPanel.getByRole('listitem');
  await expect(problems).toHaveCount(2);
  await expect(problems.filter({ hasText: 'Tag · Add engaged' })).toHaveCount(2);
  await expect(problems.filter({ hasText: 'No path from the trigger leads to' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'Connect the "next" exit of' })).toHaveCount(1);
  const shot = testInfo.outputPath('problems-panel.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('problems panel', { path: shot, contentType: 'image/png' });

  await problems.filter({ hasText: 'No path from the trigger leads to' }).getByRole('button').click();

  // The problem's step is selected, its settings are open, and the canvas brings it to the middle.
  await expect(editor.node(tag)).toHaveClass(/\bselected\b/);
  await expect(editor.node(trigger)).not.toHaveClass(/\bselected\b/);
  await expect(page.getByRole('tab', { name: 'Step' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor.inspector.getByTestId('inspector-node-id')).toHaveText(tag);
  const pane = await editor.pane.boundingBox();
  await expect
    .poll(async () => {
      const box = await editor.node(tag).boundingBox();
      if (!box || !pane) return Number.POSITIVE_INFINITY;
      return Math.hypot(box.x + box.width / 2 - (pane.x + pane.width / 2), box.y + box.height / 2 - (pane.y + pane.height / 2));
    }, { message: 'the step is centred on the canvas' })
    .toBeLessThan(5);
});

test('a connection that makes no sense is refused with a reason and adds no edge', async ({ page }) => {
  await signIn(page);
  const editor = await JourneyEditor.createFromList(page);
  const trigger = (await editor.nodeIds())[0] as string;
  const wait = await editor.dropStep('wait', { x: 520, y: 200 });
  await editor.connect(trigger, 'next', wait);
  await expect(editor.edges).toHaveCount(1);
  await editor.waitUntilSaved();

  // A step into itself: dropped on its own input.
  await editor.drawConnection(wait, 'next', editor.handle(wait, 'in'));
  await expect(editor.toast).toContainText('A step cannot lead to itself.');
  await expect(editor.edges).toHaveCount(1);
  await expect(editor.edgesBetween(wait, wait)).toHaveCount(0);

  // Back into the trigger: it has no input, so this is a drop on its body.
  await editor.drawConnection(wait, 'next', editor.node(trigger));
  await expect(editor.toast).toContainText('Nothing can lead into a trigger');
  await expect(editor.edges).toHaveCount(1);
  await expect(editor.edgesBetween(wait, trigger)).toHaveCount(0);

  // Refusals leave the draft alone: nothing to save, and the server's draft still has the one connection.
  await expect(editor.saveStatus).toHaveAttribute('data-status', 'saved');
  const { draft } = await adminGet<{ draft: { edges: Array<{ source: string; target: string }> } }>(`/api/journeys/${editor.journeyId()}`);
  expect(draft.edges.map((e) => `${e.source}->${e.target}`)).toEqual([`${trigger}->${wait}`]);
});
