import type { JourneyDocument, Violation } from '@waymark/shared';
import type { JourneyDetail } from '@waymark/shared';

export interface PublishState {
  canPublish: boolean;
  label: string;
  /** Why publishing is not possible, or what it will do; shown beside the button. */
  note: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Drafts and published versions are parsed by the same schema, so equal JSON means equal journeys; key order
 * cannot differ.
 */
export function sameDocument(a: JourneyDocument, b: JourneyDocument): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the Publish button says and whether it is enabled, from the draft, its problems and the live version. */
export function publishState(
  journey: Pick<JourneyDetail, 'publishedVersion' | 'published'>,
  draft: JourneyDocument,
  violations: readonly Violation[],
): PublishState {
  const published = journey.published;
  if (violations.length > 0)
    return { canPublish: false, label: published ? 'Publish changes' : 'Publish', note: `Fix ${plural(violations.length, 'problem')} to publish` };
  if (!published) return { canPublish: true, label: 'Publish', note: 'Ready to go live' };
  if (sameDocument(published.document, draft)) return { canPublish: false, label: 'Published', note: `No changes since v${published.version}` };
  return { canPublish: true, label: 'Publish changes', note: `Goes live as v${published.version + 1}` };
}
