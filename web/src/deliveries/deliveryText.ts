import type { JourneyNode, UserOffer } from '@waymark/shared';
import { describeNode } from '../nodes/describeNode.ts';

/** How far a "Retry all" has got. `done` counts the offers already tried, `failed` those the server refused. */
export interface RetryAllProgress {
  done: number;
  total: number;
  failed: number;
  running: boolean;
}

/** "Retrying 3 of 12…" while a retry-all runs; the summary once it is done. */
export function retryProgress({ done, total, failed, running }: RetryAllProgress): string {
  if (running) return `Retrying ${Math.min(done + 1, total)} of ${total}…`;
  if (failed === 0) return `${total === 1 ? 'The offer is' : `All ${total} offers are`} queued to be sent again.`;
  if (failed === total) return `None of the ${total} offers could be retried (see each row).`;
  return `${total - failed} of ${total} queued again; ${failed} could not be retried (see each row).`;
}

/** The note after one row's retry went through. */
export function retriedNote(offer: Pick<UserOffer, 'offer' | 'userId'>): string {
  return `${offer.offer} for ${offer.userId} is queued to be sent again.`;
}

export function attemptsText(attempts: number): string {
  return `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
}

/** Where the offer came from, named as the canvas names the step ("Offer · Send WINBACK20 by webhook"). */
export interface StepName {
  label: string;
  /** The draft still has the step, so it can be focused. */
  onCanvas: boolean;
}

export function stepName(node: Pick<JourneyNode, 'type' | 'data'> | undefined, nodeId: string): StepName {
  if (!node) return { label: `${nodeId} (no longer on the canvas)`, onCanvas: false };
  const { label, summary } = describeNode(node);
  return { label: `${label} · ${summary && summary !== label ? summary : nodeId}`, onCanvas: true };
}
