import { timeOrderedId } from '../timeOrderedId.ts';
import type { UserProfile } from '@waymark/shared';
import { HttpError } from '../http/HttpError.ts';
import type { IngestQueue } from '../ingest/IngestQueue.ts';
import type { EventProcessor } from '../runtime/EventProcessor.ts';
import type { Store } from '../store/storeTypes.ts';

/** One user's profile, runs and timeline; tag changes go through the inbox so they apply in order with events. */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly queue: IngestQueue,
    private readonly processor: EventProcessor,
  ) {}

  async get(id: string): Promise<UserProfile> {
    const user = await this.store.getUserProfile(id);
    if (!user) throw new HttpError(404, 'not_found', `id: no user "${id}" has sent an event yet`);
    const [runs, timeline, offers, journeys] = await Promise.all([
      this.store.userRuns(id),
      this.store.userTimeline(id, 200),
      this.store.userOffers(id),
      this.store.listJourneys(),
    ]);
    const names = new Map(journeys.map((j) => [j.id, j.name]));
    return {
      id: user.id,
      traits: user.traits,
      tags: user.tags,
      firstSeenAt: user.firstSeenAt,
      lastSeenAt: user.lastSeenAt,
      runs: runs.map((r) => ({
        id: r.id,
        journeyId: r.journeyId,
        journeyName: names.get(r.journeyId) ?? r.journeyId,
        version: r.version,
        status: r.status,
        node: r.node,
        enteredAt: r.enteredAt,
        endedAt: r.endedAt,
      })),
      offers,
      timeline,
    };
  }

  async changeTags(id: string, add: string[], remove: string[]) {
    const now = Date.now();
    const { lastSeq } = await this.queue.append([
      { messageId: `tags-${timeOrderedId()}`, userId: id, kind: 'tags', payload: { add, remove }, timestamp: now, receivedAt: now },
    ]);
    await this.processor.whenProcessed(lastSeq);
    const user = await this.store.getUserProfile(id);
    return { id, tags: user?.tags ?? [] };
  }
}
