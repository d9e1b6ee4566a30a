import { describe, expect, it } from 'vitest';
import { COALESCE_MS, emptyHistory, record, redo, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = record(emptyHistory<string>(), 'a', undefined, 0);
    h = record(h, 'b', undefined, 10);
    const u1 = undo(h, 'c');
    expect(u1?.present).toBe('b');
    const u2 = undo(u1!.history, u1!.present);
    expect(u2?.present).toBe('a');
    expect(undo(u2!.history, u2!.present)).toBeUndefined();
    const r1 = redo(u2!.history, u2!.present);
    expect(r1?.present).toBe('b');
    expect(redo(r1!.history, r1!.present)?.present).toBe('c');
  });
  it('forgets the redo future after a new edit', () => {
    const h = record(emptyHistory<string>(), 'a', undefined, 0);
    const u = undo(h, 'b')!;
    const after = record(u.history, u.present, undefined, 5);
    expect(after.future).toEqual([]);
    expect(redo(after, 'c')).toBeUndefined();
  });
  it('merges quick edits with the same key into one step', () => {
    let h = record(emptyHistory<string>(), 'H', 'name', 0);
    h = record(h, 'He', 'name', 200);
    h = record(h, 'Hel', 'name', 400);
    expect(h.past).toEqual(['H']);
    h = record(h, 'Hell', 'name', 400 + COALESCE_MS + 1);
    expect(h.past).toEqual(['H', 'Hell']);
    h = record(h, 'Hello', 'other', 400 + COALESCE_MS + 2);
    expect(h.past).toEqual(['H', 'Hell', 'Hello']);
  });
});
