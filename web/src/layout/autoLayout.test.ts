import { parseJourney, type JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import { largeJourney } from '../store/largeJourney.ts';
import { autoLayout } from './autoLayout.ts';
import { flowDirection } from './flowDirection.ts';
import { defaultNodeSize } from './nodeSize.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();

const withPositions = (d: JourneyDocument, positions: Record<string, { x: number; y: number }>): JourneyDocument => ({
  ...d,
  nodes: d.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position })),
});

describe('autoLayout', () => {
  it('places every node, each after the step leading to it, left to right', async () => {
    const positions = await autoLayout(doc, 'RIGHT');
    expect(Object.keys(positions).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const edge of doc.edges) {
      const source = doc.nodes.find((n) => n.id === edge.source)!;
      expect(positions[edge.target]!.x, `${edge.source} → ${edge.target}`).toBeGreaterThanOrEqual(positions[edge.source]!.x + defaultNodeSize(source.type).width);
    }
  });

  it('places each node below the step leading to it, top to bottom', async () => {
    const positions = await autoLayout(doc, 'DOWN');
    for (const edge of doc.edges) expect(positions[edge.target]!.y).toBeGreaterThan(positions[edge.source]!.y);
  });

  it('keeps a branch\'s "yes" before its "no" in reading order', async () => {
    const right = await autoLayout(doc, 'RIGHT');
    expect(right.o2!.y).toBeLessThan(right.o3!.y);
    const down = await autoLayout(doc, 'DOWN');
    expect(down.o2!.x).toBeLessThan(down.o3!.x);
  });

  it('draws the journey the way it was asked to, as flowDirection reads it back', async () => {
    expect(flowDirection(withPositions(doc, await autoLayout(doc, 'DOWN')))).toBe('DOWN');
    expect(flowDirection(withPositions(doc, await autoLayout(doc, 'RIGHT')))).toBe('RIGHT');
  });

  it('keeps the drawing\'s top-left corner where it was', async () => {
    const moved = withPositions(doc, Object.fromEntries(doc.nodes.map((n) => [n.id, { x: n.position.x + 400, y: n.position.y + 200 }])));
    const positions = Object.values(await autoLayout(moved, 'RIGHT'));
    expect(Math.min(...positions.map((p) => p.x))).toBe(400);
    expect(Math.min(...positions.map((p) => p.y))).toBe(200);
  });

  it('uses measured sizes when it has them', async () => {
    const sizes = Object.fromEntries(doc.nodes.map((n) => [n.id, { width: 400, height: 100 }]));
    const positions = await autoLayout(doc, 'RIGHT', sizes);
    expect(positions.o1!.x - positions.t1!.x).toBeGreaterThanOrEqual(400);
  });

  it('lays out a 300-step journey and a draft with broken connections', async () => {
    const large = largeJourney(300);
    expect(Object.keys(await autoLayout(large, 'RIGHT'))).toHaveLength(300);
    const broken: JourneyDocument = {
      ...doc,
      edges: [...doc.edges, { id: 'bad1', source: 'x1', target: 'nowhere', sourceHandle: 'next' }, { id: 'bad2', source: 'b1', target: 'x2', sourceHandle: 'maybe' }],
    };
    expect(Object.keys(await autoLayout(broken, 'DOWN'))).toHaveLength(doc.nodes.length);
    expect(await autoLayout({ ...doc, nodes: [], edges: [] }, 'RIGHT')).toEqual({});
  });
});
