import type { InboxEvent, Store } from '../store/storeTypes.ts';

/** Where a group goes: the store itself, or the event processor, which applies what it appends. */
type Inbox = Pick<Store, 'appendEvents'>;

interface Pending {
  events: InboxEvent[];
  resolve: (r: { lastSeq: number }) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for ingestion: every request that arrives while a write is in flight joins the next
 * transaction, so one fsync acknowledges many requests. Each caller's promise settles only after its events
 * are durably committed, and only then does it answer 2xx.
 */
export class IngestQueue {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly inbox: Inbox,
    private readonly onStored: (result: { stored: number; duplicates: number }) => void,
  ) {}

  append(events: InboxEvent[]): Promise<{ lastSeq: number }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, this.pending.length);
      try {
        const { seqs, stored, duplicates } = await this.inbox.appendEvents(group.flatMap((p) => p.events));
        // Each caller learns the seq of its own last event (0 when all were duplicates, applied long ago): with
        // several processes, events are applied per user, so a later seq says nothing about an earlier one.
        let at = 0;
        for (const p of group) {
          const own = seqs.slice(at, at + p.events.length);
          at += p.events.length;
          p.resolve({ lastSeq: Math.max(0, ...own.map((s) => s ?? 0)) });
        }
        this.onStored({ stored, duplicates });
      } catch (error) {
        for (const p of group) p.reject(error);
      }
    }
    this.flushing = false;
  }
}
