import { describe, expect, it } from 'vitest';
import { changesAllocation, weightChangeProblems } from './weightChange.ts';
import type { SplitConfig } from './splitConfig.ts';

const running: SplitConfig = { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 10 };

describe('weightChangeProblems', () => {
  it('allows new weights, pausing a variant and adding one', () => {
    expect(weightChangeProblems(running, { variants: [{ id: 'A', weight: 80 }, { id: 'B', weight: 20 }], holdout: 10 })).toEqual([]);
    expect(weightChangeProblems(running, { variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 0 }], holdout: 10 })).toEqual([]);
    expect(
      weightChangeProblems(running, { variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }, { id: 'C', weight: 1 }], holdout: 10 }),
    ).toEqual([]);
  });

  it('refuses removing a variant that has users, and says to pause it instead', () => {
    const problems = weightChangeProblems(running, { variants: [{ id: 'A', weight: 1 }], holdout: 10 }, { A: 40, B: 37 });
    expect(problems).toEqual(['Variant "B" cannot be removed: it has 37 users. Set its weight to 0 to stop sending new users to it.']);
  });

  it('allows removing a variant nobody was assigned to', () => {
    expect(weightChangeProblems(running, { variants: [{ id: 'A', weight: 1 }], holdout: 10 }, { A: 40, B: 0 })).toEqual([]);
  });

  it('assumes a variant has users when the counts are unknown', () => {
    expect(weightChangeProblems(running, { variants: [{ id: 'A', weight: 1 }], holdout: 10 })).toEqual([
      'Variant "B" cannot be removed: it may have users. Set its weight to 0 to stop sending new users to it.',
    ]);
  });

  it('refuses renaming a variant', () => {
    const problems = weightChangeProblems(running, { variants: [{ id: 'A', weight: 50 }, { id: 'Bee', weight: 50 }], holdout: 10 }, { A: 5, B: 1 });
    expect(problems).toEqual([
      'Variant "B" cannot be renamed to "Bee": it has 1 user whose assignment is recorded under "B". Keep the id and change the label.',
    ]);
  });

  it('refuses changing the holdout percentage, including adding or removing one', () => {
    expect(weightChangeProblems(running, { ...running, holdout: 20 })[0]).toMatch(/holdout cannot change from 10% to 20%/);
    expect(weightChangeProblems(running, { variants: running.variants })[0]).toMatch(/from 10% to 0%/);
  });

  it('refuses a split that is invalid on its own', () => {
    expect(weightChangeProblems(running, { variants: [{ id: 'A', weight: 0 }, { id: 'B', weight: 0 }], holdout: 10 })).toContain(
      'expected at least one variant with a weight above 0',
    );
  });
});

describe('changesAllocation', () => {
  it('treats proportional weights as the same allocation', () => {
    expect(changesAllocation(running, { variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }], holdout: 10 })).toBe(false);
  });
  it('starts a new phase when shares change or a variant is added or paused', () => {
    expect(changesAllocation(running, { variants: [{ id: 'A', weight: 60 }, { id: 'B', weight: 40 }], holdout: 10 })).toBe(true);
    expect(changesAllocation(running, { variants: [...running.variants, { id: 'C', weight: 50 }], holdout: 10 })).toBe(true);
    expect(changesAllocation(running, { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 0 }], holdout: 10 })).toBe(true);
  });
});
