import { describe, expect, it } from 'vitest';
import { copyName, MAX_NAME_LENGTH, nameProblem } from './journeyNames.ts';

describe('copyName', () => {
  it('names a copy after the original', () => {
    expect(copyName('Win back', ['Win back'])).toBe('Copy of Win back');
  });

  it('numbers copies so names stay distinct', () => {
    expect(copyName('Win back', ['Win back', 'Copy of Win back'])).toBe('Copy of Win back (2)');
    expect(copyName('Win back', ['Copy of Win back', 'Copy of Win back (2)'])).toBe('Copy of Win back (3)');
  });

  it('shortens a long original so the copy fits the name limit', () => {
    const copy = copyName('x'.repeat(MAX_NAME_LENGTH), []);
    expect(copy.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(copy.startsWith('Copy of xxx')).toBe(true);
    expect(copy.endsWith('…')).toBe(true);
  });
});

describe('nameProblem', () => {
  it('refuses empty and overlong names', () => {
    expect(nameProblem('  ')).toBe('Enter a name.');
    expect(nameProblem('x'.repeat(MAX_NAME_LENGTH + 1))).toMatch(/200 characters/);
    expect(nameProblem('Win back')).toBeUndefined();
  });
});
