import { z } from 'zod';
import { jsonRecordSchema } from '../json/jsonRecord.ts';

/**
 * Segment-compatible ingestion payloads (public contract): `track`, `identify`, and `batch` of either.
 * Unknown Segment fields (context, integrations, anonymousId, …) are accepted and ignored.
 */
const userId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'expected a non-empty userId').max(256, 'expected a userId of at most 256 characters'));

const jsonObject = jsonRecordSchema;
const messageId = z.string().min(1).max(256, 'expected a messageId of at most 256 characters');
const timestamp = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 timestamp such as 2026-11-24T10:00:00Z' });

export const trackSchema = z.object({
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
});

export const identifySchema = z.object({
  type: z.literal('identify').optional(),
  userId,
  traits: jsonObject.default({}),
  messageId: messageId.optional(),
  timestamp: timestamp.optional(),
});

export const batchSchema = z.object({
  batch: z
    .array(
      z.discriminatedUnion('type', [trackSchema.extend({ type: z.literal('track') }), identifySchema.extend({ type: z.literal('identify') })], {
        error: 'expected each batch item to have "type": "track" or "identify"',
      }),
    )
    .min(1, 'expected at least one event in batch')
    .max(1_000, 'expected at most 1,000 events in one batch'),
});

export type TrackPayload = z.infer<typeof trackSchema>;
export type IdentifyPayload = z.infer<typeof identifySchema>;

export const tagChangeSchema = z
  .object({
    add: z.array(z.string().trim().min(1, 'expected a tag name, not an empty string').max(100)).max(100).default([]),
    remove: z.array(z.string().trim().min(1, 'expected a tag name, not an empty string').max(100)).max(100).default([]),
  })
  .refine((c) => c.add.length + c.remove.length > 0, { path: ['add'], message: 'expected at least one tag in add or remove' });
