import type { SinkMessage } from '@waymark/shared';

/** One message the demo inbox received: a signed webhook or an email (the `GET /api/sink` shape). */
export type InboxMessage = SinkMessage;

/**
 * A small in-memory inbox for demos and first runs: the seeded journeys point their webhooks at this server's
 * own `/sink/webhook`, and without SMTP_URL email goes to a local SMTP mailbox that lands here too. It keeps
 * the latest `capacity` messages; it is a viewing aid, not storage (the outbox is the record of what was sent).
 */
export class DemoInbox {
  private messages: InboxMessage[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 500) {}

  add(message: Omit<InboxMessage, 'id' | 'receivedAt'>): InboxMessage {
    const stored = { ...message, id: this.nextId++, receivedAt: Date.now() };
    this.messages.push(stored);
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    return stored;
  }

  list(limit = 100): InboxMessage[] {
    return this.messages.slice(-limit).reverse();
  }
}
