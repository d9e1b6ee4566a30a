/** "Retrying 3 of 12…" while a retry-all runs; the summary once it is done. */
export function retryProgress(done: number, total: number, failed: number, running: boolean): string {
  if (running) return `Retrying ${Math.min(done + 1, total)} of ${total}…`;
  if (failed === 0) return `${total === 1 ? 'The offer is' : `All ${total} offers are`} queued to be sent again.`;
  return `${total - failed} of ${total} queued again; ${failed} could not be retried (see each row).`;
}

/** A node's label for the row: its id when the canvas has no such step any more. */
export function stepLabel(labels: ReadonlyMap<string, string>, node: string): string {
  return labels.get(node) ?? node;
}
