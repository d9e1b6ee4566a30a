import { z } from 'zod';
import { jsonRecordSchema } from '../json/jsonRecord.ts';
import { onlyFields } from '../json/onlyFields.ts';

/**
 * Segment-compatible ingestion payloads (public contract): `track`, `identify`, and `batch` of either.
 * Segment's common fields (context, integrations, anonymousId, sentAt, …), which its libraries send, are
 * accepted and ignored; any other field is refused by name (a typo such as `propertes` must not drop data).
 */
const SEGMENT_COMMON = {
  anonymousId: z.unknown().optional(),
  context: z.unknown().optional(),
  integrations: z.unknown().optional(),
  sentAt: z.unknown().optional(),
  receivedAt: z.unknown().optional(),
  originalTimestamp: z.unknown().optional(),
  version: z.unknown().optional(),
  channel: z.unknown().optional(),
  writeKey: z.unknown().optional(),
  _metadata: z.unknown().optional(),
};
const takes = (fields: string) => `${fields} and Segment's common fields (${Object.keys(SEGMENT_COMMON).join(', ')})`;

const userId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'expected a non-empty userId').max(256, 'expected a userId of at most 256 characters'));

const jsonObject = jsonRecordSchema;
const messageId = z.string().min(1).max(256, 'expected a messageId of at most 256 characters');
const timestamp = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 timestamp such as 2026-11-24T10:00:00Z' });

const trackFields = {
  type: z.literal('track').optional(),
  userId,
  event: z
    .string()
    .trim()
    .min(1, 'expected an event name')
    .max(200, 'expected an event name of at most 200 characters')
    .refine((name) => !name.startsWith('waymark.'), 'expected an event name not starting with "waymark." (reserved)'),
  properties: jsonObject.default({}),
  messageId: messageId.optional(),
  timestamp: timestamp.optional(),
  ...SEGMENT_COMMON,
};
const TRACK_TAKES = takes('type, userId, event, properties, messageId, timestamp');
export const trackSchema = onlyFields(trackFields, TRACK_TAKES);

const identifyFields = {
  type: z.literal('identify').optional(),
  userId,
  traits: jsonObject.default({}),
  messageId: messageId.optional(),
  timestamp: timestamp.optional(),
  ...SEGMENT_COMMON,
};
const IDENTIFY_TAKES = takes('type, userId, traits, messageId, timestamp');
export const identifySchema = onlyFields(identifyFields, IDENTIFY_TAKES);

export const batchSchema = onlyFields(
  {
    batch: z
      .array(
        z.discriminatedUnion(
          'type',
          [onlyFields({ ...trackFields, type: z.literal('track') }, TRACK_TAKES), onlyFields({ ...identifyFields, type: z.literal('identify') }, IDENTIFY_TAKES)],
          { error: 'expected each batch item to have "type": "track" or "identify"' },
        ),
      )
      .min(1, 'expected at least one event in batch')
      .max(1_000, 'expected at most 1,000 events in one batch')
      // The same messageId twice in one request is a client bug, not a retry (a retry resends the whole request,
      // and is acknowledged again without applying twice): refused, naming both places.
      .superRefine((items, ctx) => {
        const first = new Map<string, number>();
        items.forEach((item, index) => {
          if (item.messageId === undefined) return;
          const earlier = first.get(item.messageId);
          if (earlier === undefined) first.set(item.messageId, index);
          else ctx.addIssue({ code: 'custom', path: [index, 'messageId'], message: `expected a messageId not already used by batch.${earlier} in this request` });
        });
      }),
    context: SEGMENT_COMMON.context,
    integrations: SEGMENT_COMMON.integrations,
    sentAt: SEGMENT_COMMON.sentAt,
    writeKey: SEGMENT_COMMON.writeKey,
    _metadata: SEGMENT_COMMON._metadata,
  },
  'batch and Segment\'s batch fields (context, integrations, sentAt, writeKey, _metadata)',
);

export type TrackPayload = z.infer<typeof trackSchema>;
export type IdentifyPayload = z.infer<typeof identifySchema>;

export const tagChangeSchema = onlyFields({
  add: z.array(z.string().trim().min(1, 'expected a tag name, not an empty string').max(100)).max(100).default([]),
  remove: z.array(z.string().trim().min(1, 'expected a tag name, not an empty string').max(100)).max(100).default([]),
}).refine((c) => c.add.length + c.remove.length > 0, { path: ['add'], message: 'expected at least one tag in add or remove' });
