import type { NodeProps } from '@xyflow/react';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

/** A fixed delay has one way out; a wait for an event has two (the event, or the timeout), labelled by NodeCard. */
export function WaitNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  return <NodeCard id={id} type={type} data={data} selected={selected} />;
}
