import { nodeKindOf, type NodeType, type Violation } from '@waymark/shared';
import { friendlyIssue } from './issueWording.ts';

/** The inspector's label for each data field, so a problem names the box to fix. */
const FIELD_LABELS: Record<NodeType, Record<string, string>> = {
  trigger: { event: 'Event name', inactiveFor: 'Quiet for', tagAdded: 'Tag name' },
  wait: { for: 'Wait for', until: 'Event name', 'until.event': 'Event name', timeout: 'Give up after' },
  branch: { tag: 'Has the tag' },
  split: { variants: 'Variants', holdout: 'Holdout' },
  offer: { offer: 'Offer code', channel: 'Send by', url: 'Webhook URL', subject: 'Subject', template: 'Message', cost: 'Cost per send' },
  tag: { add: 'Tags to add', remove: 'Tags to remove' },
  goal: { event: 'Event name' },
  exit: {},
};

/** "where.0.value" → "Filter 1"; "url" → "Webhook URL"; undefined for a path the inspector does not show. */
export function fieldLabel(type: NodeType, path: string): string | undefined {
  const filter = /(?:^|\.)where\.(\d+)/.exec(path);
  if (filter) return `Filter ${Number(filter[1]) + 1}`;
  const variant = /^variants\.(\d+)(?:\.(id|weight))?$/.exec(path);
  if (variant) return `Variant ${Number(variant[1]) + 1}${variant[2] ? ` ${variant[2]}` : ''}`;
  return FIELD_LABELS[type][path];
}

/**
 * A violation in the words the Problems list shows: a data problem names its field ("Webhook URL: Enter a full
 * web address…") instead of repeating the kind, which the list already shows beside it.
 */
export function problemText(violation: Violation, type: NodeType | undefined): string {
  if (violation.code !== 'invalid-data' || !type || !violation.field?.startsWith('data.')) return violation.message;
  const path = violation.field.slice('data.'.length);
  const prefix = `${nodeKindOf(type).label}: `;
  const raw = violation.message.startsWith(prefix) ? violation.message.slice(prefix.length) : violation.message;
  const words = friendlyIssue(raw, type, path);
  const label = fieldLabel(type, path);
  return label ? `${label}: ${words}` : words;
}
