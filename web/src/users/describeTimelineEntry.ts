import type { TimelineEntry } from '@waymark/shared';

export interface EntryText {
  title: string;
  /** A second, quieter line, when there is more to say. */
  detail?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Plain words for one timeline entry. `nodeName` names a node of the journey on screen (undefined for nodes
 * of other journeys, which then show their id).
 */
export function describeTimelineEntry(entry: TimelineEntry, nodeName: (nodeId: string) => string | undefined): EntryText {
  const d = entry.detail;
  switch (entry.kind) {
    case 'event':
      if (d.type === 'identify') return { title: 'Identified', detail: 'Traits updated' };
      return { title: `Did ${text(d.name) ?? 'an event'}` };
    case 'enter':
      return { title: `Entered ${text(d.journey) ?? 'a journey'}`, detail: typeof d.version === 'number' ? `Version ${d.version}` : undefined };
    case 'step': {
      const node = entry.node ?? '';
      return { title: `Reached ${nodeName(node) ?? node}` };
    }
    case 'tags': {
      const changes = [...list(d.added).map((t) => `+${t}`), ...list(d.removed).map((t) => `−${t}`)];
      return { title: 'Tags changed', detail: changes.join(', ') || undefined };
    }
    case 'offer':
      return { title: `Offer ${text(d.offer) ?? ''} queued`.replace('  ', ' '), detail: text(d.channel) ? `By ${d.channel}` : undefined };
    case 'exit':
      return d.outcome === 'converted'
        ? { title: 'Converted', detail: d.by === 'goal event' ? 'Did the goal event' : 'Reached the goal' }
        : { title: 'Left the journey' };
    case 'error':
      return { title: 'Error', detail: text(d.error) };
    default: {
      const unknownKind: never = entry.kind;
      return { title: String(unknownKind) };
    }
  }
}
