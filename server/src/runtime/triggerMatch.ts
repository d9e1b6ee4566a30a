import { matchConditions, parseDuration, triggerDataSchema, triggerMode, type JourneyDocument, type TriggerMode } from '@waymark/shared';

/** The trigger of a published journey, read once when the journey is loaded. */
export type JourneyEntry = TriggerMode & { inactiveForMs?: number };

export function journeyEntry(doc: JourneyDocument): JourneyEntry | undefined {
  const node = doc.nodes.find((n) => n.type === 'trigger');
  const parsed = node ? triggerDataSchema.safeParse(node.data) : undefined;
  if (!parsed?.success) return undefined;
  const mode = triggerMode(parsed.data);
  return mode.mode === 'inactivity' ? { ...mode, inactiveForMs: parseDuration(mode.inactiveFor) ?? 0 } : mode;
}

/** Whether a tracked event starts this entry. */
export function eventStarts(entry: JourneyEntry, name: string, properties: Record<string, unknown>): boolean {
  return entry.mode === 'event' && entry.event === name && matchConditions(properties, entry.where);
}

/** Whether a tracked event counts as activity for an inactivity entry (any event, or only the named one). */
export function eventCountsAsActivity(entry: JourneyEntry, name: string): boolean {
  return entry.mode === 'inactivity' && (entry.event === undefined || entry.event === name);
}
