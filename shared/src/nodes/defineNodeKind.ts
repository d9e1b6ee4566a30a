import type { z } from 'zod';
import type { ActionJson, StateJson, TransitionJson } from '../compile/machineJson.ts';

/** What a node kind's compiler may ask about the graph around the node. */
export interface CompileContext {
  nodeId: string;
  /** The transition that follows the edge leaving `handle` (or ends the run when nothing is connected). */
  follow(handle: string): TransitionJson;
  /** The entry action every state starts with, so the runtime can count and trace entries. */
  enter: ActionJson;
  /** A transition that ends the run (exited) without following an edge. */
  end(description: string): TransitionJson;
  /** How long after entering an experiment a conversion still counts, in ms (the journey's attribution window). */
  attributionWindowMs: number;
}

/**
 * One journey node kind: its data schema, defaults, outgoing handles, the words shown on the canvas, and
 * the statechart state it compiles to. One file per kind, registered in `nodeRegistry.ts`.
 */
export interface NodeKind<Data> {
  kind: string;
  label: string;
  description: string;
  dataSchema: z.ZodType<Data>;
  defaults: Data;
  handles(data: Data): string[];
  summary(data: Data): string;
  toState(data: Data, ctx: CompileContext): StateJson;
}

export function defineNodeKind<Data>(kind: NodeKind<Data>): NodeKind<Data> {
  return kind;
}
