import type { NodeProps } from '@xyflow/react';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

export function TagNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  return <NodeCard id={id} type={type} data={data} selected={selected} />;
}
