import { compileJourney, parseJourney, type JourneyDocument, type MachineJson } from '@waymark/shared';
import type { InboxEvent, NewOutboxRow, RunRecord } from '../store/storeTypes.ts';
import { journey } from './journeyFixtures.ts';

/** Epoch milliseconds beyond 2^31, so a store that narrowed times to 32 bits would show it. */
export const T0 = 1_795_000_000_000;

export const inboxEvent = (messageId: string, userId = 'u1', fields: Partial<InboxEvent> = {}): InboxEvent => ({
  messageId,
  userId,
  kind: 'track',
  name: 'ping',
  payload: { properties: { n: 1 } },
  timestamp: T0,
  receivedAt: T0,
  ...fields,
});

export const runRecord = (id: string, fields: Partial<RunRecord> = {}): RunRecord => ({
  id,
  journeyId: 'j1',
  version: 1,
  userId: 'u1',
  status: 'active',
  node: 'start',
  snapshot: { value: 'start', context: { trigger: { name: 'signup', properties: { ref: 'ad' } } } },
  wakeupId: null,
  enteredAt: T0,
  updatedAt: T0,
  endedAt: null,
  ...fields,
});

export const outboxRow = (runId: string, fields: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
  runId,
  journeyId: 'j1',
  journeyName: 'Journey one',
  userId: 'u1',
  node: 'o1',
  channel: 'webhook',
  offer: 'TEN',
  url: 'http://127.0.0.1:9/hook',
  message: 'Ten percent off',
  cost: 1,
  ...fields,
});

/** A valid journey document and its compiled machine: trigger → offer → exit. */
export function sampleJourney(name = 'Welcome'): { document: JourneyDocument; machine: MachineJson } {
  const parsed = parseJourney(
    journey(name, [['t1', 'trigger', { event: 'signup' }], ['o1', 'offer', { offer: 'TEN', channel: 'webhook', url: 'http://127.0.0.1:9/x', template: 'hi' }], ['x1', 'exit']], [
      ['t1', 'o1'],
      ['o1', 'x1'],
    ]),
  );
  if (!parsed.ok) throw new Error(`sample journey does not parse: ${JSON.stringify(parsed.problems)}`);
  return { document: parsed.value, machine: compileJourney(parsed.value) };
}
