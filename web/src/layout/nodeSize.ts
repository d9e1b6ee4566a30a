import type { NodeType } from '@waymark/shared';

export interface Size {
  width: number;
  height: number;
}

/** Node sizes by id, as React Flow measured them; nodes not measured yet fall back to `defaultNodeSize`. */
export type Sizes = Readonly<Record<string, Size>>;

/** Roughly what NodeCard draws before it is measured (an exit card is narrower), so layout works without a DOM. */
export function defaultNodeSize(type: NodeType): Size {
  return type === 'exit' ? { width: 152, height: 72 } : { width: 212, height: 96 };
}

export function sizeOf(node: { id: string; type: NodeType }, sizes: Sizes = {}): Size {
  return sizes[node.id] ?? defaultNodeSize(node.type);
}
