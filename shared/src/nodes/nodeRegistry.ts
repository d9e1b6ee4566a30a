import type { NodeKind } from './defineNodeKind.ts';
import { branchNode } from './branchNode.ts';
import { exitNode } from './exitNode.ts';
import { goalNode } from './goalNode.ts';
import { offerNode } from './offerNode.ts';
import { tagNode } from './tagNode.ts';
import { triggerNode } from './triggerNode.ts';
import { waitNode } from './waitNode.ts';
import { splitNode } from './splitNode.ts';

export const nodeTypes = ['trigger', 'wait', 'branch', 'split', 'offer', 'tag', 'goal', 'exit'] as const;
export type NodeType = (typeof nodeTypes)[number];

/** Every node kind, by the `type` a journey document gives it. */
export const nodeRegistry = {
  trigger: triggerNode,
  wait: waitNode,
  branch: branchNode,
  split: splitNode,
  offer: offerNode,
  tag: tagNode,
  goal: goalNode,
  exit: exitNode,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own data type
} satisfies Record<NodeType, NodeKind<any>>;

export function nodeKindOf(type: NodeType): NodeKind<unknown> {
  return nodeRegistry[type] as unknown as NodeKind<unknown>;
}
