import type { NodeProps } from '@xyflow/react';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

/** An A/B split: its summary names each arm's share; one labelled output per variant. */
export function SplitNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  return <NodeCard id={id} type={type} data={data} selected={selected} />;
}
