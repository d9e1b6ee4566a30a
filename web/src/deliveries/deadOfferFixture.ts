import type { UserOffer } from '@waymark/shared';

/** An offer in the dead letter after its eight attempts, as the outbox API lists it. Test support only. */
export function deadOffer(id: number, userId: string, fields: Partial<UserOffer> = {}): UserOffer {
  return {
    id,
    journeyId: 'j1',
    userId,
    runId: `r${id}`,
    node: 'o1',
    channel: 'webhook',
    offer: 'WINBACK20',
    status: 'dead',
    attempts: 8,
    lastError: 'HTTP 500 from 127.0.0.1',
    createdAt: Date.UTC(2026, 10, 24, 9),
    sentAt: null,
    ...fields,
  };
}
