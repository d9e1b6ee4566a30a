import type { NodeProps } from '@xyflow/react';
import type { NodeType } from '@waymark/shared';
import type { ComponentType } from 'react';
import type { FlowNode } from '../store/documentToFlow.ts';
import { BranchNodeView } from './BranchNodeView.tsx';
import { ExitNodeView } from './ExitNodeView.tsx';
import { GoalNodeView } from './GoalNodeView.tsx';
import { OfferNodeView } from './OfferNodeView.tsx';
import { SplitNodeView } from './SplitNodeView.tsx';
import { TagNodeView } from './TagNodeView.tsx';
import { TriggerNodeView } from './TriggerNodeView.tsx';
import { WaitNodeView } from './WaitNodeView.tsx';

/** React Flow's `nodeTypes`: one view per journey node kind. Defined once at module level so React Flow never remounts. */
export const nodeViews = {
  trigger: TriggerNodeView,
  wait: WaitNodeView,
  branch: BranchNodeView,
  split: SplitNodeView,
  offer: OfferNodeView,
  tag: TagNodeView,
  goal: GoalNodeView,
  exit: ExitNodeView,
} satisfies Record<NodeType, ComponentType<NodeProps<FlowNode>>>;
