import type { NodeProps } from '@xyflow/react';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

/** Where users enter, so nothing leads into it. */
export function TriggerNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  return <NodeCard id={id} type={type} data={data} selected={selected} hasTarget={false} badge="Start" />;
}
