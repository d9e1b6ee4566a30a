import type { JourneyDocument, JourneyEdge, JourneyNode } from '../journey/journeySchema.ts';
import { nodeKindOf, type NodeType } from '../nodes/nodeRegistry.ts';

/**
 * Pure edits of a journey document, the operations the canvas performs. Each takes a document and returns a
 * new one (never mutating), so the editor can keep every state for undo and the tests need no browser.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Connection {
  source: string;
  sourceHandle: string;
  target: string;
}

/** The handles a node offers given its current data; a node whose data does not parse offers its defaults'. */
export function handlesOf(node: Pick<JourneyNode, 'type' | 'data'>): string[] {
  const kind = nodeKindOf(node.type);
  const parsed = kind.dataSchema.safeParse(node.data);
  return kind.handles(parsed.success ? parsed.data : kind.defaults);
}

function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}

const ID_PREFIX: Record<NodeType, string> = { trigger: 't', wait: 'w', branch: 'b', split: 'sp', offer: 'o', tag: 'tg', goal: 'g', exit: 'x' };

/** Adds a node of `type` with its kind's defaults; returns the new document and the new node's id. */
export function addNode(doc: JourneyDocument, type: NodeType, position: Point): { doc: JourneyDocument; id: string } {
  const id = uniqueId(ID_PREFIX[type], new Set(doc.nodes.map((n) => n.id)));
  const data = structuredClone(nodeKindOf(type).defaults) as Record<string, unknown>;
  return { doc: { ...doc, nodes: [...doc.nodes, { id, type, position: { x: position.x, y: position.y }, data }] }, id };
}

/** Why a connection would make no sense, in a marketer's words; undefined when it is fine. */
export function connectionProblem(doc: JourneyDocument, c: Connection, ignoreEdgeId?: string): string | undefined {
  const source = doc.nodes.find((n) => n.id === c.source);
  const target = doc.nodes.find((n) => n.id === c.target);
  if (!source || !target) return 'Both ends must be steps on the canvas.';
  if (c.source === c.target) return 'A step cannot lead to itself.';
  if (target.type === 'trigger') return 'Nothing can lead into a trigger: it is where users enter.';
  if (!handlesOf(source).includes(c.sourceHandle)) return `This step has no "${c.sourceHandle}" output.`;
  const used = doc.edges.some((e) => e.id !== ignoreEdgeId && e.source === c.source && e.sourceHandle === c.sourceHandle);
  if (used) return `The "${c.sourceHandle}" output is already connected. Remove that connection first.`;
  return undefined;
}

/** Connects two nodes, or says why not. */
export function connect(doc: JourneyDocument, c: Connection): { doc: JourneyDocument; edgeId: string } | { problem: string } {
  const problem = connectionProblem(doc, c);
  if (problem) return { problem };
  const edgeId = uniqueId('e', new Set(doc.edges.map((e) => e.id)));
  const edge: JourneyEdge = { id: edgeId, source: c.source, target: c.target, sourceHandle: c.sourceHandle };
  return { doc: { ...doc, edges: [...doc.edges, edge] }, edgeId };
}

/** Moves an existing edge to new ends, keeping its id (React Flow's reconnect). */
export function reconnect(doc: JourneyDocument, edgeId: string, c: Connection): { doc: JourneyDocument } | { problem: string } {
  if (!doc.edges.some((e) => e.id === edgeId)) return { problem: 'That connection no longer exists.' };
  const problem = connectionProblem(doc, c, edgeId);
  if (problem) return { problem };
  return {
    doc: { ...doc, edges: doc.edges.map((e) => (e.id === edgeId ? { id: e.id, source: c.source, target: c.target, sourceHandle: c.sourceHandle } : e)) },
  };
}

/** Deletes nodes (with every edge touching them) and edges. */
export function deleteElements(doc: JourneyDocument, nodeIds: readonly string[], edgeIds: readonly string[] = []): JourneyDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/**
 * Inserts a new node in the middle of an edge: source → new → target. The new node continues through its first
 * output; a node without outputs (goal, exit) ends the path there and the old target is left unconnected.
 */
export function insertOnEdge(doc: JourneyDocument, edgeId: string, type: NodeType, position: Point): { doc: JourneyDocument; id: string } | { problem: string } {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge) return { problem: 'That connection no longer exists.' };
  if (type === 'trigger') return { problem: 'A trigger starts a journey; it cannot go in the middle.' };
  const added = addNode(doc, type, position);
  const firstHandle = handlesOf({ type, data: added.doc.nodes.at(-1)?.data ?? {} })[0];
  const taken = new Set(added.doc.edges.map((e) => e.id));
  const edges = added.doc.edges.map((e) => (e.id === edgeId ? { ...e, target: added.id } : e));
  if (firstHandle) edges.push({ id: uniqueId('e', taken), source: added.id, target: edge.target, sourceHandle: firstHandle });
  return { doc: { ...added.doc, edges }, id: added.id };
}

/** Sets node positions (a drag, or an auto-layout). */
export function moveNodes(doc: JourneyDocument, positions: Readonly<Record<string, Point>>): JourneyDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = positions[n.id];
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: { x: p.x, y: p.y } } : n;
    }),
  };
}

/**
 * Replaces a node's data. When the change removes an output (a timed wait becoming "until an event"), edges on
 * the vanished output move to the first new output that is free; with none free they stay where they were,
 * reported as problems, so the marketer's wiring is never lost.
 */
export function updateNodeData(doc: JourneyDocument, nodeId: string, data: Record<string, unknown>): JourneyDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  const before = handlesOf(node);
  const after = handlesOf({ type: node.type, data });
  const free = after.filter((h) => !before.includes(h) && !doc.edges.some((e) => e.source === nodeId && e.sourceHandle === h));
  const edges: JourneyEdge[] = [];
  for (const e of doc.edges) {
    // Edges on other nodes, on outputs that remain, or already on an unknown output (a visible problem) stay.
    if (e.source !== nodeId || after.includes(e.sourceHandle) || !before.includes(e.sourceHandle)) edges.push(e);
    else if (free.length > 0) edges.push({ ...e, sourceHandle: free.shift() as string });
    // No free output to move to: keep it (shown as a problem) so switching the mode back restores the wiring.
    else edges.push(e);
  }
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, data } : n)), edges };
}

/** Updates the journey's own fields: name, description, settings. */
export function updateMeta(doc: JourneyDocument, patch: Partial<Pick<JourneyDocument, 'name' | 'description' | 'settings'>>): JourneyDocument {
  return { ...doc, ...patch };
}
