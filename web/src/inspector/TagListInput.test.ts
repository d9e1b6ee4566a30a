import { describe, expect, it } from 'vitest';
import { addTags } from './TagListInput.tsx';

describe('addTags', () => {
  it('adds typed tags, split on commas, without blanks or repeats', () => {
    expect(addTags(['vip'], ' beta, ,vip,churned ')).toEqual(['vip', 'beta', 'churned']);
  });

  it('leaves the list alone for blank text', () => {
    expect(addTags(['vip'], '  ')).toEqual(['vip']);
  });
});
