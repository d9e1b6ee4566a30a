import { describe, expect, it } from 'vitest';
import { armColour, variantIndexes } from './armColour.ts';
import { formatShare, nextVariantId, splitShares } from './splitAllocation.ts';

describe('splitShares', () => {
  it('gives the holdout its percentage first and shares the rest by weight', () => {
    const shares = splitShares({ variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 3 }], holdout: 20 });
    expect(shares.map((s) => [s.id, s.variantIndex, Number(s.share.toFixed(6))])).toEqual([
      ['holdout', null, 0.2],
      ['A', 0, 0.2],
      ['B', 1, 0.6],
    ]);
  });

  it('gives a paused variant (weight 0) no share but keeps its place', () => {
    const shares = splitShares({ variants: [{ id: 'A', weight: 0 }, { id: 'B', weight: 50 }] });
    expect(shares.map((s) => [s.id, s.share])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });

  it('reads a half-typed draft without throwing', () => {
    expect(splitShares({ variants: [{ id: 'A', weight: '5' }, { weight: 10 }, null], holdout: 150 })).toEqual([
      { id: 'A', share: 0, variantIndex: 0 },
      { id: '', share: 1, variantIndex: 1 },
      { id: '', share: 0, variantIndex: 2 },
    ]);
    expect(splitShares(undefined)).toEqual([]);
    expect(splitShares({ variants: [{ id: 'A', weight: 0 }], holdout: 10 }).map((s) => s.share)).toEqual([0.1, 0]);
  });
});

describe('formatShare', () => {
  it('shows whole percents, and a decimal only when the share needs one', () => {
    expect([0.45, 1 / 3, 0, 1, 0.125].map(formatShare)).toEqual(['45%', '33.3%', '0%', '100%', '12.5%']);
  });
});

describe('nextVariantId', () => {
  it('offers the first free letter', () => {
    expect(nextVariantId([])).toBe('A');
    expect(nextVariantId(['A', 'B'])).toBe('C');
    expect(nextVariantId(['a', 'C'])).toBe('B');
  });

  it('goes on past Z', () => {
    const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
    expect(nextVariantId(letters)).toBe('V27');
    expect(nextVariantId([...letters, 'V27'])).toBe('V28');
  });
});

describe('armColour', () => {
  it('draws the holdout grey and variants in declared order, reusing colours after six', () => {
    expect(armColour('holdout', 0)).toBe('var(--arm-holdout)');
    expect(armColour('A', 0)).toBe('var(--arm-1)');
    expect(armColour('G', 6)).toBe('var(--arm-1)');
  });

  it('numbers variants in declared order, skipping the holdout', () => {
    expect([...variantIndexes([{ id: 'holdout' }, { id: 'A' }, { id: 'B' }])]).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });
});
