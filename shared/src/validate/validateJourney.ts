import { journeyGraph } from '../graph/journeyGraph.ts';
import type { JourneyDocument, JourneyEdge, JourneyNode } from '../journey/journeySchema.ts';
import { nodeKindOf } from '../nodes/nodeRegistry.ts';
import type { OfferData } from '../nodes/offerNode.ts';
import { templateProblem } from '../templates/renderTemplate.ts';
import type { Violation } from './violation.ts';

/** What the checks need to know about one node, worked out once. */
interface NodeFacts {
  node: JourneyNode;
  /** The words the canvas shows on the node: its summary, or its kind's label while its data is invalid. */
  name: string;
  /** The handles its data gives it; undefined while the data is invalid, so checks that need them are skipped. */
  handles: string[] | undefined;
  data: unknown;
  dataIssues: Violation[];
}

/** The journey as the checks see it: facts per node id (the first node holding it) and the edges the compiler follows. */
interface Survey {
  byId: Map<string, NodeFacts>;
  /** Per `source + handle`, the first edge in document order whose ends both exist: the one the compiler follows. */
  followed: Map<string, JourneyEdge>;
  firstTrigger: NodeFacts | undefined;
  reachable: Set<string>;
  loopEdges: Set<string>;
}

const quote = (text: string) => `"${text}"`;
const handleKey = (node: string, handle: string) => `${node}\u0000${handle}`;

function nodeFacts(node: JourneyNode): NodeFacts {
  const kind = nodeKindOf(node.type);
  const parsed = kind.dataSchema.safeParse(node.data);
  if (parsed.success)
    return { node, name: kind.summary(parsed.data) || kind.label, handles: kind.handles(parsed.data), data: parsed.data, dataIssues: [] };
  const dataIssues = parsed.error.issues.map((issue): Violation => ({
    code: 'invalid-data',
    nodeId: node.id,
    field: ['data', ...issue.path.map(String)].join('.'),
    message: `${kind.label}: ${issue.message}`,
  }));
  return { node, name: kind.label, handles: undefined, data: undefined, dataIssues };
}

/** Problems only an offer can have once its data parses: where it goes, and whether its message can be read. */
function offerViolations(facts: NodeFacts, data: OfferData): Violation[] {
  const found: Violation[] = [];
  const nodeId = facts.node.id;
  if (data.channel === 'webhook' && data.url === undefined)
    found.push({
      code: 'missing-url',
      nodeId,
      field: 'data.url',
      message: `${quote(facts.name)} needs the URL of the webhook to send the offer to.`,
    });
  const problem = templateProblem(data.template);
  if (problem !== undefined)
    found.push({ code: 'bad-template', nodeId, field: 'data.template', message: `The message of ${quote(facts.name)} cannot be read: ${problem}` });
  return found;
}

function nodeViolations(facts: NodeFacts, survey: Survey): Violation[] {
  const { node, name } = facts;
  const found: Violation[] = [];
  const duplicate = survey.byId.get(node.id) !== facts;
  if (duplicate)
    found.push({
      code: 'duplicate-id',
      nodeId: node.id,
      field: 'id',
      message: `Another step already has the id ${quote(node.id)}; give ${quote(name)} an id of its own.`,
    });
  const extraTrigger = node.type === 'trigger' && facts !== survey.firstTrigger;
  if (extraTrigger)
    found.push({
      code: 'many-triggers',
      nodeId: node.id,
      message:
        `A journey has one trigger, and ${quote(survey.firstTrigger?.name ?? 'Trigger')} comes first; ` +
        `remove ${quote(name)} or make it a journey of its own.`,
    });
  found.push(...facts.dataIssues);
  if (node.type === 'offer' && facts.handles) found.push(...offerViolations(facts, facts.data as OfferData));

  // A second node with the same id shares the first one's edges, so its graph checks would only repeat them.
  if (duplicate) return found;
  for (const handle of facts.handles ?? []) {
    if (survey.followed.has(handleKey(node.id, handle))) continue;
    found.push({
      code: 'unconnected-handle',
      nodeId: node.id,
      field: handle,
      message: `Connect the ${quote(handle)} exit of ${quote(name)} to a next step; users who take it now leave the journey there.`,
    });
  }
  // A goal with no path into it still works as exit criteria (its event converts users wherever they are).
  if (survey.firstTrigger && !extraTrigger && node.type !== 'goal' && !survey.reachable.has(node.id))
    found.push({
      code: 'unreachable-node',
      nodeId: node.id,
      message: `No path from the trigger leads to ${quote(name)}, so no one will ever get there.`,
    });
  return found;
}

function danglingEdge(edge: JourneyEdge, source: NodeFacts | undefined, target: NodeFacts | undefined): Violation {
  const base = { code: 'dangling-edge' as const, edgeId: edge.id };
  if (source) {
    const message = `This connection from ${quote(source.name)} leads to a step that no longer exists (${quote(edge.target)}); reconnect or delete it.`;
    return { ...base, nodeId: edge.source, field: 'target', message };
  }
  if (target) {
    const message = `This connection into ${quote(target.name)} starts at a step that no longer exists (${quote(edge.source)}); reconnect or delete it.`;
    return { ...base, nodeId: edge.target, field: 'source', message };
  }
  const message = `This connection joins steps that no longer exist (${quote(edge.source)} and ${quote(edge.target)}); delete it.`;
  return { ...base, field: 'source', message };
}

function edgeViolations(edge: JourneyEdge, survey: Survey): Violation[] {
  const source = survey.byId.get(edge.source);
  const target = survey.byId.get(edge.target);
  if (!source || !target) return [danglingEdge(edge, source, target)];

  const found: Violation[] = [];
  const edgeId = edge.id;
  if (target.node.type === 'trigger')
    found.push({
      code: 'edge-into-trigger',
      edgeId,
      nodeId: edge.target,
      message: `Nothing may lead back into the trigger ${quote(target.name)}: users enter there only when it fires. Point this connection elsewhere.`,
    });

  const handle = edge.sourceHandle;
  if (source.handles && !source.handles.includes(handle))
    found.push({
      code: 'unknown-handle',
      edgeId,
      nodeId: edge.source,
      field: 'sourceHandle',
      message: source.handles.length
        ? `${quote(source.name)} has no ${quote(handle)} exit; connect from ${source.handles.map(quote).join(' or ')} instead.`
        : `${quote(source.name)} ends the journey, so nothing can follow it; delete this connection.`,
    });
  else if (survey.followed.get(handleKey(edge.source, handle)) !== edge)
    found.push({
      code: 'duplicate-handle',
      edgeId,
      nodeId: edge.source,
      field: 'sourceHandle',
      message:
        `The ${quote(handle)} exit of ${quote(source.name)} already leads to another step, and an exit leads to one step only; ` +
        'delete one of the two connections.',
    });

  if (survey.loopEdges.has(edgeId))
    found.push({
      code: 'instant-loop',
      edgeId,
      nodeId: edge.source,
      message:
        `This connection from ${quote(source.name)} closes a loop with no wait in it, so users would go round it forever; ` +
        'add a Wait to the loop or remove the connection.',
    });
  return found;
}

/**
 * Everything that stops a journey from being published, as data the canvas can outline. Pure, and never throws on
 * a parsed document. The order is stable: journey-wide problems, then each node's in document order, then each
 * edge's in document order. Reachability is measured from the first trigger, the one the compiler starts at.
 */
export function validateJourney(doc: JourneyDocument): Violation[] {
  const graph = journeyGraph(doc);
  const all = doc.nodes.map(nodeFacts);
  const byId = new Map<string, NodeFacts>();
  for (const facts of all) if (!byId.has(facts.node.id)) byId.set(facts.node.id, facts);
  const followed = new Map<string, JourneyEdge>();
  for (const edge of doc.edges) {
    const key = handleKey(edge.source, edge.sourceHandle);
    if (byId.has(edge.source) && byId.has(edge.target) && !followed.has(key)) followed.set(key, edge);
  }
  const firstTrigger = all.find((f) => f.node.type === 'trigger');
  const survey: Survey = {
    byId,
    followed,
    firstTrigger,
    reachable: firstTrigger ? graph.reachableFrom([firstTrigger.node.id]) : new Set(),
    loopEdges: graph.instantCycleEdges(),
  };

  const found: Violation[] = [];
  if (!firstTrigger) found.push({ code: 'no-trigger', message: 'The journey has no trigger, so no one can enter it. Add a Trigger step.' });
  for (const facts of all) found.push(...nodeViolations(facts, survey));
  const edgeIds = new Set<string>();
  for (const edge of doc.edges) {
    if (edgeIds.has(edge.id))
      found.push({
        code: 'duplicate-id',
        edgeId: edge.id,
        field: 'id',
        message: `Another connection already has the id ${quote(edge.id)}; give this one an id of its own.`,
      });
    edgeIds.add(edge.id);
    found.push(...edgeViolations(edge, survey));
  }
  return found;
}
