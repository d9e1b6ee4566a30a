import type { JourneyDocumentInput } from '@waymark/shared';

type NodeSpec = [id: string, type: string, data?: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, handle?: string];

/** Builds a journey document from compact node and edge lists, laid out left to right. Test support only. */
export function journey(name: string, nodes: NodeSpec[], edges: EdgeSpec[], settings?: JourneyDocumentInput['settings']): JourneyDocumentInput {
  return {
    name,
    ...(settings ? { settings } : {}),
    nodes: nodes.map(([id, type, data = {}], i) => ({ id, type: type as never, position: { x: i * 240, y: 0 }, data })),
    edges: edges.map(([source, target, handle = 'next'], i) => ({ id: `e${i + 1}`, source, target, sourceHandle: handle })),
  };
}

export const webhookOffer = (offer: string, url: string, template = `{{ offer.code }} for {{ user.id }}`) => ({
  offer,
  channel: 'webhook',
  url,
  template,
  cost: 1,
});
