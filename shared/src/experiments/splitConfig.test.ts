import { describe, expect, it } from 'vitest';
import { splitConfigSchema } from './splitConfig.ts';

function messages(input: unknown): string[] {
  const result = splitConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('splitConfigSchema', () => {
  it('accepts two weighted variants with an optional holdout', () => {
    expect(messages({ variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] })).toEqual([]);
    expect(messages({ variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 10 })).toEqual([]);
  });
  it('accepts a single variant measured against a holdout', () => {
    expect(messages({ variants: [{ id: 'A', weight: 1 }], holdout: 20 })).toEqual([]);
  });
  it('refuses duplicate ids, the reserved holdout id and negative weights', () => {
    expect(messages({ variants: [{ id: 'A', weight: 1 }, { id: 'A', weight: 1 }] })).toContain('variant id "A" is used twice');
    expect(messages({ variants: [{ id: 'holdout', weight: 1 }, { id: 'B', weight: 1 }] })).toContain(
      '"holdout" is reserved for the holdout',
    );
    expect(messages({ variants: [{ id: 'A', weight: -1 }, { id: 'B', weight: 1 }] })).toContain('expected a weight of zero or more');
  });
  it('refuses a split where nobody could be assigned to a variant', () => {
    expect(messages({ variants: [{ id: 'A', weight: 0 }, { id: 'B', weight: 0 }] })).toContain(
      'expected at least one variant with a weight above 0',
    );
    expect(messages({ variants: [{ id: 'A', weight: 1 }] })).toContain('expected two variants, or one variant and a holdout');
    expect(messages({ variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }], holdout: 100 })).toContain(
      'expected a holdout percentage from 0 to 99',
    );
  });
});
