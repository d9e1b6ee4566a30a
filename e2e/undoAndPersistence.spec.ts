import { expect, test } from '@playwright/test';
import { adminGet } from './fixtures/e2eServer.ts';
import { JourneyEditor } from './fixtures/JourneyEditor.ts';
import { signIn } from './fixtures/signIn.ts';

interface Draft {
  nodes: Array<{ id: string }>;
  edges: Array<{ source: string; sourceHandle: string; target: string }>;
}

test('undo and redo walk back and forth through deletions and connections, and the draft outlives a reload', async ({ page }) => {
  await signIn(page);
  const editor = await JourneyEditor.createFromList(page);
  const trigger = (await editor.nodeIds())[0] as string;
  const wait = await editor.dropStep('wait', { x: 260, y: 520 });
  const exit = await editor.dropStep('exit', { x: 560, y: 420 });
  await editor.connect(trigger, 'next', wait);
  await editor.connect(wait, 'next', exit);
  await expect(editor.edges).toHaveCount(2);

  // Delete a step from the keyboard: its connections go with it.
  await editor.select(wait);
  await page.keyboard.press('Delete');
  await expect(editor.node(wait)).toHaveCount(0);
  await expect(editor.edges).toHaveCount(0);

  // Undo brings the step back with both connections; redo takes them away again.
  await page.keyboard.press('Control+z');
  await expect(editor.node(wait)).toBeVisible();
  await expect(editor.edgesBetween(trigger, wait)).toHaveCount(1);
  await expect(editor.edgesBetween(wait, exit)).toHaveCount(1);
  await expect(editor.edges).toHaveCount(2);
  await page.keyboard.press('Control+Shift+z');
  await expect(editor.node(wait)).toHaveCount(0);
  await expect(editor.edges).toHaveCount(0);

  // A connection drawn by hand is one step too.
  await editor.connect(trigger, 'next', exit);
  await page.keyboard.press('Control+z');
  await expect(editor.edges).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(editor.edgesBetween(trigger, exit)).toHaveCount(1);
  await expect(editor.edges).toHaveCount(1);

  // Autosave catches up, and a reload shows the final state: trigger straight to exit, no wait.
  await editor.waitUntilSaved();
  const saved = await adminGet<{ draft: Draft }>(`/api/journeys/${editor.journeyId()}`);
  expect(saved.draft.nodes.map((n) => n.id).sort()).toEqual([exit, trigger].sort());
  expect(saved.draft.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}`)).toEqual([`${trigger}.next->${exit}`]);

  await page.reload();
  const reloaded = new JourneyEditor(page);
  await expect(reloaded.node(trigger)).toBeVisible();
  await expect(reloaded.node(exit)).toBeVisible();
  await expect(reloaded.nodes()).toHaveCount(2);
  await expect(reloaded.node(wait)).toHaveCount(0);
  await expect(reloaded.edgesBetween(trigger, exit)).toHaveCount(1);
  await expect(reloaded.edges).toHaveCount(1);
  await expect(reloaded.saveStatus).toHaveAttribute('data-status', 'saved');
  // A fresh page has no history to undo into.
  await expect(page.getByRole('toolbar', { name: 'Canvas' }).getByRole('button', { name: 'Undo' })).toBeDisabled();
});
