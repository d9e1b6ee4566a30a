import { applyNodeChanges } from '@xyflow/react';
import { parseJourney, type JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import winback from '../../../examples/winback.json';
import { documentToFlow, flowToDocument, type FlowNode } from './documentToFlow.ts';

function parsed(raw: unknown): JourneyDocument {
  const result = parseJourney(raw);
  if (!result.ok) throw new Error(`example does not parse: ${JSON.stringify(result.problems)}`);
  return result.value;
}

const examples = { activation: parsed(activation), winback: parsed(winback) };

describe('documentToFlow', () => {
  it.each(Object.entries(examples))('round-trips the %s example without losing a field', (_name, doc) => {
    const before = structuredClone(doc);
    expect(flowToDocument(doc, documentToFlow(doc))).toEqual(doc);
    expect(doc).toEqual(before);
  });

  it.each(Object.entries(examples))('gives every %s edge the handle id the document names', (_name, doc) => {
    const { edges } = documentToFlow(doc);
    expect(edges.map((e) => [e.id, e.sourceHandle])).toEqual(doc.edges.map((e) => [e.id, e.sourceHandle]));
  });

  it('keeps the labelled handles of waits and branches', () => {
    const { edges } = documentToFlow(examples.activation);
    const handlesFrom = (source: string) => edges.filter((e) => e.source === source).map((e) => e.sourceHandle);
    expect(handlesFrom('w1')).toEqual(['event', 'timeout']);
    expect(handlesFrom('b1')).toEqual(['yes', 'no']);
  });

  it('gives canvas nodes the document type, so each kind gets its own view', () => {
    const { nodes } = documentToFlow(examples.winback);
    expect(nodes.map((n) => n.type)).toEqual(examples.winback.nodes.map((n) => n.type));
  });

  it('leaves canvas-only state (selection, measured size, dragging) out of the document', () => {
    const doc = examples.activation;
    const flow = documentToFlow(doc);
    const decorated = {
      nodes: flow.nodes.map((n): FlowNode => ({ ...n, selected: true, dragging: false, measured: { width: 240, height: 96 } })),
      edges: flow.edges.map((e) => ({ ...e, selected: true, animated: true, label: '12' })),
    };
    expect(flowToDocument(doc, decorated)).toEqual(doc);
  });

  it('writes a dragged position back into the document and nothing else', () => {
    const doc = examples.winback;
    const flow = documentToFlow(doc);
    const moved = applyNodeChanges([{ type: 'position', id: 'b1', position: { x: 300, y: 200 }, dragging: false }], flow.nodes);
    const next = flowToDocument(doc, { nodes: moved, edges: flow.edges });
    expect(next.nodes.find((n) => n.id === 'b1')?.position).toEqual({ x: 300, y: 200 });
    expect({ ...next, nodes: next.nodes.filter((n) => n.id !== 'b1') }).toEqual({ ...doc, nodes: doc.nodes.filter((n) => n.id !== 'b1') });
  });

  it('tells an absent target handle from a null one', () => {
    const doc = parsed({
      name: 'Handles',
      nodes: [
        { id: 't', type: 'trigger', data: { event: 'x' } },
        { id: 'g', type: 'goal', data: { event: 'y' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'g' },
        { id: 'b', source: 't', target: 'g', targetHandle: null },
      ],
    });
    const round = flowToDocument(doc, documentToFlow(doc));
    expect(round.edges[0]).not.toHaveProperty('targetHandle');
    expect(round.edges[1]).toHaveProperty('targetHandle', null);
    expect(round).toEqual(doc);
  });
});
