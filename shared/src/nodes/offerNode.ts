import { z } from 'zod';
import { defineNodeKind, type NodeKind } from './defineNodeKind.ts';

export const offerChannels = ['webhook', 'email'] as const;
export type OfferChannel = (typeof offerChannels)[number];

/** An offer sent through a real channel. The template is Liquid, rendered with the user and the trigger event. */
export const offerDataSchema = z.object({
  offer: z.string().trim().min(1, 'expected an offer code such as "WINBACK20"').max(100),
  channel: z.enum(offerChannels, { message: `expected a channel: ${offerChannels.join(' or ')}` }),
  url: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
  subject: z.string().max(300).optional(),
  template: z.string().max(20_000, 'expected a template of at most 20,000 characters'),
  cost: z.number().nonnegative('expected a cost of zero or more').finite().optional(),
});
export type OfferData = z.infer<typeof offerDataSchema>;

export const offerNode: NodeKind<OfferData> = defineNodeKind<OfferData>({
  kind: 'offer',
  label: 'Offer',
  description: 'Send a coupon, credit or gift by webhook or email.',
  dataSchema: offerDataSchema,
  defaults: { offer: 'WELCOME10', channel: 'email', subject: 'A gift for you', template: 'Hi {{ traits.name | default: "there" }}!' },
  handles: () => ['next'],
  summary: (data) => `Send ${data.offer} by ${data.channel}`,
  toState: (data, ctx) => ({
    description: offerNode.summary(data),
    entry: [ctx.enter, { type: 'sendOffer', params: { node: ctx.nodeId, ...data } }],
    always: ctx.follow('next'),
    meta: { kind: 'offer' },
  }),
});
