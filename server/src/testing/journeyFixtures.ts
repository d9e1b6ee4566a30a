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

/**
 * trigger(`event`) → wait `wait` → has tag vip? → yes: VIP50, no: SAVE10 → exit, both offers by webhook to
 * `url`: the journey the crash and fault tests hold Waymark to (one offer per user, chosen by the tag, after a
 * wait that must survive the kill). Test support only.
 */
export function vipOrSaveJourney(o: { name: string; event: string; wait: string; url: string; settings?: JourneyDocumentInput['settings'] }): JourneyDocumentInput {
  return journey(
    o.name,
    [
      ['start', 'trigger', { event: o.event }],
      ['pause', 'wait', { for: o.wait }],
      ['isVip', 'branch', { tag: 'vip' }],
      ['vipOffer', 'offer', webhookOffer('VIP50', o.url)],
      ['saveOffer', 'offer', webhookOffer('SAVE10', o.url)],
      ['done', 'exit'],
    ],
    [['start', 'pause'], ['pause', 'isVip'], ['isVip', 'vipOffer', 'yes'], ['isVip', 'saveOffer', 'no'], ['vipOffer', 'done'], ['saveOffer', 'done']],
    o.settings,
  );
}
