import type { InboxEvent, Store } from '../store/storeTypes.ts';

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
    private readonly store: Store,
    private readonly onStored: (result: { stored: number; duplicates: number }) => void,
    /** Called as soon as a group's write is queued, before it commits (see `Store.groupCommit`). */
    private readonly onQueued?: () => void,
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
        const appended = this.store.appendEvents(group.flatMap((p) => p.events));
        this.onQueued?.();
        const { seqs, stored, duplicates } = await appended;
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
