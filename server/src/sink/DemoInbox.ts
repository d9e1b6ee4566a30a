/** One message the demo inbox received: a signed webhook or an email. */
export interface InboxMessage {
  id: number;
  channel: 'webhook' | 'email';
  receivedAt: number;
  /** webhook-id for webhooks, Message-ID for email. */
  messageId: string | undefined;
  /** Whether the Standard Webhooks signature checked out (always true for stored webhooks; email is unsigned). */
  verified: boolean;
  to?: string;
  subject?: string;
  body: unknown;
}

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
