import { timeOrderedId } from '../timeOrderedId.ts';
import type { IdentifyPayload, TrackPayload } from '@waymark/shared';
import type { InboxEvent } from '../store/storeTypes.ts';

/**
 * Maps a parsed Segment call to an inbox row. A missing messageId gets a fresh one (no dedup possible then),
 * time-ordered (UUIDv7) so the inbox's unique index grows at its end.
 */
export function trackToInbox(p: TrackPayload, receivedAt: number): InboxEvent {
  return {
    messageId: p.messageId ?? timeOrderedId(),
    userId: p.userId,
    kind: 'track',
    name: p.event,
    payload: { properties: p.properties },
    timestamp: p.timestamp ? Date.parse(p.timestamp) : receivedAt,
    receivedAt,
  };
}

export function identifyToInbox(p: IdentifyPayload, receivedAt: number): InboxEvent {
  return {
    messageId: p.messageId ?? timeOrderedId(),
    userId: p.userId,
    kind: 'identify',
    payload: { traits: p.traits },
    timestamp: p.timestamp ? Date.parse(p.timestamp) : receivedAt,
    receivedAt,
  };
}
