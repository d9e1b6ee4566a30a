import { parentPort, workerData } from 'node:worker_threads';
import { DeliveryError, type OutboxMessage } from './outboxTypes.ts';
import { createWebhookChannel, type WebhookChannelOptions } from './webhookChannel.ts';

/**
 * The delivery thread's program (see `threadedWebhookChannel.ts`): the same webhook channel, posting offers on
 * this thread's event loop, answering each request with its outcome.
 */
export interface SendRequest {
  id: number;
  message: OutboxMessage;
}
export type SendOutcome = { id: number; error?: undefined } | { id: number; error: string; retryable: boolean };

const port = parentPort;
if (port) {
  const channel = createWebhookChannel((workerData as { options: WebhookChannelOptions }).options);
  port.on('message', (request: SendRequest | 'close') => {
    if (request === 'close') {
      channel.close();
      port.close();
      return;
    }
    channel.send(request.message).then(
      () => port.postMessage({ id: request.id } satisfies SendOutcome),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
          retryable: error instanceof DeliveryError ? error.retryable : true,
        } satisfies SendOutcome),
    );
  });
}
