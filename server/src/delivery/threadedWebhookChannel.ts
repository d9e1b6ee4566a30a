import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeliveryError, type DeliveryChannel } from './outboxTypes.ts';
import type { WebhookChannelOptions } from './webhookChannel.ts';
import type { SendOutcome, SendRequest } from './webhookThread.ts';

/**
 * The webhook channel on a thread of its own. Building, signing and posting each offer, and reading the
 * target's answer, is about a fifth of the work per offer; on the event loop it competes with ingestion and
 * decisions for one core, here it uses the other. Requests and outcomes cross in batches (one message per turn
 * of either event loop), not one message per offer. The dispatcher does not change: `send` resolves or rejects
 * with the same DeliveryError as the in-thread channel. A thread that dies fails its sends as retryable
 * (the dispatcher backs off and tries again) and is started again on the next send.
 *
 * The thread starts with the channel, not at the first send: booting it (tsx, the program, undici) takes a few
 * hundred milliseconds on a busy loop, which would otherwise fall on the first offers after every start, the
 * burst of wakeups that came due during a deploy among them.
 *
 * The thread starts plain JavaScript that registers tsx (which `npm start` already runs on) and then imports the
 * TypeScript program, so it works the same under `node --import tsx`, the benches and vitest.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((tsx) => {
  tsx.register();
  return import(workerData.program);
});
`;

/** tsx's ESM registration API, found from its package (its `require` export is the CommonJS one). */
function tsxLoader(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist/esm/api/index.mjs')).href;
}

export function createThreadedWebhookChannel(
  initialOptions: WebhookChannelOptions,
): DeliveryChannel & { close(): Promise<void>; allowOwnInbox(port: number): void; /** Resolves once the first thread is up and listening. */ ready: Promise<void> } {
  let options = initialOptions;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const pending = new Map<number, { resolve: () => void; reject: (error: DeliveryError) => void }>();
  let nextId = 0;
  let worker: Worker | undefined;
  let closed = false;

  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(new DeliveryError(`delivery thread stopped: ${why}`, true));
    pending.clear();
  };

  const start = () => {
    const program = new URL('./webhookThread.ts', import.meta.url).href;
    const thread = new Worker(BOOT, { eval: true, workerData: { loader: tsxLoader(), program, options } });
    thread.on('message', (outcomes: SendOutcome[] | 'ready') => {
      if (outcomes === 'ready') return markReady();
      for (const outcome of outcomes) {
        const p = pending.get(outcome.id);
        if (!p) continue;
        pending.delete(outcome.id);
        if (outcome.error === undefined) p.resolve();
        else p.reject(new DeliveryError(outcome.error, outcome.retryable));
      }
    });
    thread.on('error', (error) => failAll(error.message));
    thread.on('exit', (code) => {
      if (worker === thread) worker = undefined;
      failAll(`exited with code ${code}`);
    });
    return thread;
  };

  // Sends made in one turn of the event loop (a committed batch's offers) cross to the thread as one message.
  let outgoing: SendRequest[] = [];
  const post = () => {
    const requests = outgoing;
    outgoing = [];
    if (closed) {
      for (const { id } of requests) {
        pending.get(id)?.reject(new DeliveryError('delivery channel closed', true));
        pending.delete(id);
      }
      return;
    }
    worker ??= start();
    worker.postMessage(requests);
  };

  worker = start();

  return {
    ready,
    send(message) {
      if (closed) return Promise.reject(new DeliveryError('delivery channel closed', true));
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (outgoing.push({ id, message }) === 1) queueMicrotask(post);
      });
    },
    allowOwnInbox(port) {
      options = { ...options, ownInboxPort: port }; // for a thread started after this one
      worker?.postMessage({ ownInboxPort: port });
    },
    async close() {
      closed = true;
      const thread = worker;
      worker = undefined;
      if (!thread) return;
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      thread.postMessage('close');
      await exited;
    },
  };
}
