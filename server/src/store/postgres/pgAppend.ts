import type pg from 'pg';
import type { AppendResult, InboxEvent } from '../storeTypes.ts';

/** Events per INSERT: keeps each statement under PostgreSQL's 65,535 parameters. */
export const APPEND_CHUNK = 1_000;

/**
 * Inserts one chunk of events, skipping messageIds already stored, and adds what it stored to `into`; what it
 * returns is the whole result when the chunk is all there is.
 */
export async function appendChunk(db: pg.Pool | pg.PoolClient, chunk: InboxEvent[], into: Omit<AppendResult, 'duplicates'>): Promise<AppendResult> {
  const values: unknown[] = [];
  const tuples = chunk.map((e, j) => {
    values.push(e.messageId, e.userId, e.kind, e.name ?? null, JSON.stringify(e.payload), e.timestamp, e.receivedAt);
    const b = j * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  const { rows } = await db.query(
    `INSERT INTO events (message_id, user_id, kind, name, payload, timestamp, received_at) VALUES ${tuples.join(', ')}
     ON CONFLICT (message_id) DO NOTHING RETURNING seq, message_id`,
    values,
  );
  into.stored += rows.length;
  // RETURNING gives no order guarantee: match rows back to events by messageId. A messageId repeated inside the
  // chunk is stored once, for its first occurrence.
  const seqOf = new Map(rows.map((r) => [String(r.message_id), Number(r.seq)]));
  for (const e of chunk) {
    const seq = seqOf.get(e.messageId);
    seqOf.delete(e.messageId);
    into.seqs.push(seq ?? null);
    if (seq !== undefined) into.lastSeq = Math.max(into.lastSeq, seq);
  }
  return { ...into, duplicates: chunk.length - rows.length };
}
