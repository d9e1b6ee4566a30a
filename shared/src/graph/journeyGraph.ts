import type { JourneyDocument, JourneyEdge } from '../journey/journeySchema.ts';

/** Read-only graph views over a journey document, shared by the validator and the compiler. */
export interface JourneyGraph {
  /** The first edge leaving `node` from `handle`, in document order. */
  edgeFrom(node: string, handle: string): JourneyEdge | undefined;
  outgoing(node: string): JourneyEdge[];
  /** Node ids reachable from the given roots, roots included. */
  reachableFrom(roots: readonly string[]): Set<string>;
  /**
   * Edges that close a cycle made only of instant nodes (no wait on it). Such a loop would spin forever
   * within one event, so the validator reports it and the compiler cuts it.
   */
  instantCycleEdges(): Set<string>;
}

export function journeyGraph(doc: Pick<JourneyDocument, 'nodes' | 'edges'>): JourneyGraph {
  const nodeType = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const bySource = new Map<string, JourneyEdge[]>();
  for (const edge of doc.edges) {
    if (!nodeType.has(edge.source) || !nodeType.has(edge.target)) continue;
    const list = bySource.get(edge.source) ?? [];
    list.push(edge);
    bySource.set(edge.source, list);
  }
  const outgoing = (node: string) => bySource.get(node) ?? [];

  return {
    outgoing,
    edgeFrom: (node, handle) => outgoing(node).find((e) => e.sourceHandle === handle),
    reachableFrom(roots) {
      const seen = new Set<string>();
      const stack = roots.filter((r) => nodeType.has(r));
      while (stack.length) {
        const id = stack.pop() as string;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const e of outgoing(id)) stack.push(e.target);
      }
      return seen;
    },
    instantCycleEdges() {
      // Tarjan's strongly connected components over the edges that leave a non-wait node for a non-wait node.
      const instant = (e: JourneyEdge) => nodeType.get(e.source) !== 'wait' && nodeType.get(e.target) !== 'wait';
      const index = new Map<string, number>();
      const low = new Map<string, number>();
      const component = new Map<string, number>();
      const stack: string[] = [];
      const onStack = new Set<string>();
      let counter = 0;
      let components = 0;
      const visit = (start: string) => {
        // Iterative to survive 5,000-node journeys without blowing the call stack.
        // Each frame keeps its instant edges: refiltering them on every step is quadratic in a node's out-degree.
        const work: Array<{ id: string; next: number; edges: JourneyEdge[] }> = [{ id: start, next: 0, edges: outgoing(start).filter(instant) }];
        index.set(start, counter);
        low.set(start, counter++);
        stack.push(start);
        onStack.add(start);
        while (work.length) {
          const frame = work[work.length - 1] as { id: string; next: number; edges: JourneyEdge[] };
          if (frame.next < frame.edges.length) {
            const target = (frame.edges[frame.next++] as JourneyEdge).target;
            if (!index.has(target)) {
              index.set(target, counter);
              low.set(target, counter++);
              stack.push(target);
              onStack.add(target);
              work.push({ id: target, next: 0, edges: outgoing(target).filter(instant) });
            } else if (onStack.has(target)) {
              low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
            }
            continue;
          }
          work.pop();
          const parent = work[work.length - 1];
          if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
          if (low.get(frame.id) === index.get(frame.id)) {
            let member: string | undefined;
            do {
              member = stack.pop() as string;
              onStack.delete(member);
              component.set(member, components);
            } while (member !== frame.id);
            components++;
          }
        }
      };
      for (const node of doc.nodes) if (!index.has(node.id)) visit(node.id);
      const cut = new Set<string>();
      for (const e of doc.edges) {
        if (!nodeType.has(e.source) || !nodeType.has(e.target) || !instant(e)) continue;
        if (e.source === e.target || component.get(e.source) === component.get(e.target)) cut.add(e.id);
      }
      return cut;
    },
  };
}
