import { describe, expect, it } from 'vitest';
import { flowDirection } from './flowDirection.ts';

const node = (id: string, x: number, y: number) => ({ id, type: 'tag' as const, position: { x, y }, data: {} });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'next' });

describe('flowDirection', () => {
  it('reads a journey as left to right unless most connections point down', () => {
    expect(flowDirection({ nodes: [node('a', 0, 0)], edges: [] })).toBe('RIGHT');
    expect(flowDirection({ nodes: [node('a', 0, 0), node('b', 300, 200)], edges: [edge('a', 'b')] })).toBe('RIGHT');
    const down = { nodes: [node('a', 0, 0), node('b', 0, 200), node('c', 100, 400)], edges: [edge('a', 'b'), edge('b', 'c')] };
    expect(flowDirection(down)).toBe('DOWN');
  });

  it('ignores connections to steps that are not there', () => {
    expect(flowDirection({ nodes: [node('a', 0, 0)], edges: [edge('a', 'gone')] })).toBe('RIGHT');
  });
});
