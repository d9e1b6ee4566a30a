import { DeliveryError, type OutboxMessage } from './outboxTypes.ts';

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

/** The DeliveryError a send failed with; throws when it succeeded or failed with anything else. Test support only. */
export async function deliveryFailure(sending: Promise<unknown>): Promise<DeliveryError> {
  const error = await sending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${error === undefined ? 'success' : String(error)}`);
  return error;
}
