import { journeyGraph } from '../graph/journeyGraph.ts';
import type { JourneyDocument } from '../journey/journeySchema.ts';
import { goalDataSchema } from '../nodes/goalNode.ts';
import { nodeKindOf } from '../nodes/nodeRegistry.ts';
import { parseDuration } from '../duration/duration.ts';
import { END_STATE, trackEventType, type MachineJson, type StateJson, type TransitionJson } from './machineJson.ts';

/**
 * Compiles a journey document into an xstate v5 machine config: one state per node, named after the node id.
 * Pure and deterministic (document order in, the same JSON out). It never throws on a parsed document: a node
 * whose data is invalid, a dangling handle, or an instant loop ends the run in `(end)`, and `validateJourney`
 * is what stops such a journey from being published.
 */
export function compileJourney(doc: JourneyDocument): MachineJson {
  const graph = journeyGraph(doc);
  const cut = graph.instantCycleEdges();
  const ids = new Set(doc.nodes.map((n) => n.id));
  let usesEnd = false;
  const toEnd = (description: string): TransitionJson => {
    usesEnd = true;
    return { target: END_STATE, description };
  };

  const attributionWindowMs = parseDuration(doc.settings.attributionWindow ?? '7d') ?? 7 * 86_400_000;
  const states: Record<string, StateJson> = {};
  for (const node of doc.nodes) {
    const kind = nodeKindOf(node.type);
    const enter = { type: 'enter', params: { node: node.id } };
    const parsed = kind.dataSchema.safeParse(node.data);
    if (!parsed.success) {
      states[node.id] = { entry: [enter], always: toEnd('invalid node data'), meta: { kind: node.type, invalid: true } };
      continue;
    }
    states[node.id] = kind.toState(parsed.data, {
      nodeId: node.id,
      enter,
      end: toEnd,
      attributionWindowMs,
      follow(handle) {
        const edge = graph.edgeFrom(node.id, handle);
        if (!edge || !ids.has(edge.target)) return toEnd(`nothing connected to "${handle}"`);
        if (cut.has(edge.id)) return toEnd('loop without a wait');
        // xstate does not re-enter a state a transition leaves for itself unless told to; a wait that loops back
        // to itself must, or its entry (the count, and the timer that moves the run on) would never run again.
        const reenter = edge.target === node.id ? { reenter: true } : {};
        return { target: edge.target, ...reenter, actions: [{ type: 'traverse', params: { edge: edge.id } }] };
      },
    });
  }

  const trigger = doc.nodes.find((n) => n.type === 'trigger');
  if (usesEnd || !trigger) states[END_STATE] = { type: 'final', meta: { kind: 'end', outcome: 'exited' } };

  // Exit criteria: the goal event converts the run from wherever the user is waiting.
  const on: Record<string, TransitionJson[]> = {};
  for (const node of doc.nodes) {
    if (node.type !== 'goal') continue;
    const goal = goalDataSchema.safeParse(node.data);
    if (!goal.success) continue;
    const type = trackEventType(goal.data.event);
    (on[type] ??= []).push({
      target: `.${node.id}`,
      guard: { type: 'eventMatches', params: { event: goal.data.event, where: goal.data.where ?? [] } },
      actions: [{ type: 'goalReached', params: { node: node.id } }],
      description: 'exit criteria: goal event',
    });
  }

  return {
    id: 'journey',
    description: doc.name,
    initial: trigger?.id ?? END_STATE,
    ...(Object.keys(on).length ? { on } : {}),
    states,
  };
}
