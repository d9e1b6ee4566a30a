import { parentPort, workerData } from 'node:worker_threads';
import { DeliveryError, type OutboxMessage } from './outboxTypes.ts';
import { createWebhookChannel, type WebhookChannelOptions } from './webhookChannel.ts';

/**
 * The delivery thread's program (see `threadedWebhookChannel.ts`): the same webhook channel, posting offers on
 * this thread's event loop, answering each request with its outcome (both in batches).
 */
export interface SendRequest {
  id: number;
  message: OutboxMessage;
}
export type SendOutcome = { id: number; error?: undefined } | { id: number; error: string; retryable: boolean };

const port = parentPort;
if (port) {
  const channel = createWebhookChannel((workerData as { options: WebhookChannelOptions }).options);
  // Outcomes settled in one turn of this thread's loop go back as one message.
  let outcomes: SendOutcome[] = [];
  const answer = (outcome: SendOutcome) => {
    if (outcomes.push(outcome) > 1) return;
    setImmediate(() => {
      const batch = outcomes;
      outcomes = [];
      port.postMessage(batch);
    });
  };
  port.on('message', (requests: SendRequest[] | 'close' | { ownInboxPort: number }) => {
    if (requests === 'close') {
      channel.close();
      port.close();
      return;
    }
    if (!Array.isArray(requests)) return channel.allowOwnInbox(requests.ownInboxPort);
    for (const request of requests) {
      channel.send(request.message).then(
        () => answer({ id: request.id }),
        (error: unknown) =>
          answer({
            id: request.id,
            error: error instanceof Error ? error.message : String(error),
            retryable: error instanceof DeliveryError ? error.retryable : true,
          }),
      );
    }
  });
  port.postMessage('ready');
}
