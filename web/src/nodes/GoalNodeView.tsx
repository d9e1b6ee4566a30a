import type { NodeProps } from '@xyflow/react';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

/** The goal also converts users who do the goal event anywhere in the journey, so it says so. */
export function GoalNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  return <NodeCard id={id} type={type} data={data} selected={selected} final badge="Converts" />;
}
