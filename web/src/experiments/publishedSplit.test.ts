import type { JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { publishedSplit } from './publishedSplit.ts';

const doc = (nodes: JourneyDocument['nodes']): JourneyDocument => ({ schemaVersion: 1, name: 'Test', settings: { reentry: 'never' }, nodes, edges: [] });
const at = { x: 0, y: 0 };

describe('publishedSplit', () => {
  it('finds the split of a published version and parses its config', () => {
    const found = publishedSplit(
      doc([
        { id: 't1', type: 'trigger', position: at, data: { event: 'signed_up' } },
        { id: 'sp1', type: 'split', position: at, data: { variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }], holdout: 10 } },
      ]),
    );
    expect(found).toEqual({ node: 'sp1', config: { variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }], holdout: 10 } });
  });

  it('finds nothing in an unpublished journey or one without a split', () => {
    expect(publishedSplit(null)).toBeNull();
    expect(publishedSplit(doc([{ id: 't1', type: 'trigger', position: at, data: { event: 'signed_up' } }]))).toBeNull();
  });
});
