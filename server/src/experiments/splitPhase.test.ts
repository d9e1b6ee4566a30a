import type { JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import type { JourneyVersion } from '../store/storeTypes.ts';
import { splitPhase } from './splitPhase.ts';

const version = (n: number, split: Record<string, unknown> | null): JourneyVersion => ({
  journeyId: 'j',
  version: n,
  publishedAt: n * 1_000,
  machine: {} as JourneyVersion['machine'],
  document: {
    schemaVersion: 1,
    name: 'j',
    settings: { reentry: 'never' },
    nodes: split ? [{ id: 'sp', type: 'split', position: { x: 0, y: 0 }, data: split }] : [],
    edges: [],
  } as unknown as JourneyDocument,
});
const ab = (a: number, b: number) => ({ variants: [{ id: 'A', weight: a }, { id: 'B', weight: b }] });

describe('splitPhase', () => {
  it('starts with the first version holding the split and ignores versions that keep the shares', () => {
    expect(splitPhase([version(1, null), version(2, ab(50, 50)), version(3, ab(1, 1))], 'sp')).toMatchObject({ number: 1, since: 2_000 });
  });

  it('starts a new phase at each change of allocation', () => {
    const phase = splitPhase([version(1, ab(50, 50)), version(2, ab(90, 10)), version(3, ab(90, 10)), version(4, ab(50, 50))], 'sp');
    expect(phase).toMatchObject({ number: 3, since: 4_000, config: ab(50, 50) });
  });

  it('starts again when the split was missing from a version in between, and is undefined without it', () => {
    expect(splitPhase([version(1, ab(50, 50)), version(2, null), version(3, ab(50, 50))], 'sp')).toMatchObject({ number: 2, since: 3_000 });
    expect(splitPhase([version(1, ab(50, 50)), version(2, null)], 'sp')).toBeUndefined();
  });
});
