import type { OutboxMessage } from './outboxTypes.ts';

/** An outbox row as the store would hand it over, for tests; override what the test is about. */
export function testOffer(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: 42,
    runId: 'run_1',
    journeyId: 'jrn_winback',
    journeyName: 'Win back lapsed buyers',
    userId: 'user_ada',
    node: 'offer_1',
    channel: 'webhook',
    offer: 'WINBACK20',
    message: 'Hi Ada, here is 20% off.',
    cost: 4.5,
    attempts: 0,
    createdAt: Date.UTC(2025, 0, 15, 9, 30),
    ...overrides,
  };
}
