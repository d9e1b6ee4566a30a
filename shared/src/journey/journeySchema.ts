import { z } from 'zod';
import { durationSchema } from '../duration/duration.ts';
import { jsonRecordSchema } from '../json/jsonRecord.ts';
import { onlyFields } from '../json/onlyFields.ts';
import { nodeTypes } from '../nodes/nodeRegistry.ts';

/** The document version this code writes. Older documents are migrated in `migrateJourney`, never special-cased. */
export const JOURNEY_SCHEMA_VERSION = 1;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1-64 letters, digits, "_" or "-"')
  // Node ids become state names, and xstate keeps states in plain objects: a state named "__proto__" would set
  // the object's prototype instead of adding a state, and the run would be lost the moment it got there.
  .refine((text) => text !== '__proto__', 'expected an id other than "__proto__"');

// Unknown fields are refused by name at every level (a misspelt `settigns` must not be dropped unseen); a node's
// `data` is checked per kind by `validateJourney` instead.
export const journeyNodeSchema = onlyFields({
  id,
  type: z.enum(nodeTypes, { message: `expected a node type: ${nodeTypes.join(', ')}` }),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  /** Checked per kind by `validateJourney`, so a half-typed draft can still be saved and shown with its problems. */
  data: jsonRecordSchema.default({}),
});
export type JourneyNode = z.infer<typeof journeyNodeSchema>;

export const journeyEdgeSchema = onlyFields({
  id,
  source: id,
  target: id,
  sourceHandle: z.string().max(64).nullish().transform((h) => h ?? 'next'),
  targetHandle: z.string().max(64).nullish(),
});
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;

export const reentryModes = ['never', 'always', 'cooldown'] as const;

export const journeySettingsSchema = onlyFields({
  /** Whether a user who left may enter again: never, always, or once `cooldown` has passed since they left. */
  reentry: z.enum(reentryModes, { message: `expected one of ${reentryModes.join(', ')}` }).default('never'),
  cooldown: durationSchema.optional(),
  /**
   * How long after entering an experiment a goal still counts as that arm's conversion, and how long holdout
   * users are held; 7 days when absent.
   */
  attributionWindow: durationSchema.optional(),
}).refine((s) => s.reentry !== 'cooldown' || s.cooldown !== undefined, {
  path: ['cooldown'],
  message: 'expected a cooldown such as "30d" when reentry is "cooldown"',
});
export type JourneySettings = z.infer<typeof journeySettingsSchema>;

/** The journey document: the public contract the canvas saves, the API accepts, and `examples/` ship. */
export const journeyDocumentSchema = onlyFields({
  schemaVersion: z.literal(JOURNEY_SCHEMA_VERSION).default(JOURNEY_SCHEMA_VERSION),
  name: z.string().trim().min(1, 'expected a journey name').max(200, 'expected a name of at most 200 characters'),
  description: z.string().max(2_000).optional(),
  settings: journeySettingsSchema.default({ reentry: 'never' }),
  nodes: z.array(journeyNodeSchema).max(5_000, 'expected at most 5,000 nodes'),
  edges: z.array(journeyEdgeSchema).max(10_000, 'expected at most 10,000 edges'),
});
export type JourneyDocument = z.infer<typeof journeyDocumentSchema>;
/** What callers may send: defaults filled in by parsing. */
export type JourneyDocumentInput = z.input<typeof journeyDocumentSchema>;
