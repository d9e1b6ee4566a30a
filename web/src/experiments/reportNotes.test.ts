import { describe, expect, it } from 'vitest';
import { pendingNote, phaseNote } from './reportNotes.ts';
import { sampleReport } from './sampleReport.ts';

describe('report notes', () => {
  it('explains pending users and their conversions so far, and says nothing when there are none', () => {
    const arms = [
      { id: 'A', weight: 50, entered: 10 },
      { id: 'B', weight: 50, entered: 10 },
    ];
    expect(pendingNote(sampleReport(arms))).toBeNull();
    const report = sampleReport(arms, { pending: { A: 3, B: 4 }, pendingConverted: { B: 2 } });
    expect(pendingNote(report)).toBe(
      '7 more users are still inside their attribution window (7 days); 2 have converted so far. Users count once their window has closed, so a variant that only converts sooner does not look better than it is.',
    );
  });

  it('names the phase being read only after the weights changed', () => {
    const arms = [
      { id: 'A', weight: 50 },
      { id: 'B', weight: 50 },
    ];
    expect(phaseNote(sampleReport(arms))).toBeNull();
    expect(phaseNote({ ...sampleReport(arms), phase: null })).toBeNull();
    const report = sampleReport(arms, { phase: { number: 2, since: Date.UTC(2026, 10, 20, 9, 30), earlierUsers: 1 } });
    expect(phaseNote(report)).toMatch(/^Reading allocation phase 2: users assigned since .+, when the weights last changed\. 1 earlier user keeps their arm but is not in this reading\.$/);
    expect(phaseNote(sampleReport(arms, { phase: { number: 3, since: 0, earlierUsers: 1_200 } }))).toContain('1,200 earlier users keep their arm but are not in this reading.');
  });
});
