import { parseDuration, type JourneySettings } from '@waymark/shared';
import type { RunRecord } from '../store/storeTypes.ts';

export type EntryVerdict = { enter: true } | { enter: false; reason: string };

/**
 * Whether a user may start a run now. At most one active run per user and journey; after a run ends,
 * re-entry follows the journey's setting: never, always, or once the cooldown has passed since it ended.
 */
export function entryVerdict(settings: JourneySettings, latest: RunRecord | undefined, now: number): EntryVerdict {
  if (!latest) return { enter: true };
  if (latest.status === 'active') return { enter: false, reason: 'already in this journey' };
  switch (settings.reentry) {
    case 'always':
      return { enter: true };
    case 'never':
      return { enter: false, reason: 'this journey does not allow re-entry' };
    case 'cooldown': {
      const cooldown = parseDuration(settings.cooldown ?? '') ?? 0;
      const since = now - (latest.endedAt ?? latest.updatedAt);
      return since >= cooldown ? { enter: true } : { enter: false, reason: `re-entry cooldown of ${settings.cooldown} has not passed` };
    }
    default: {
      const never: never = settings.reentry;
      throw new Error(`unknown reentry mode ${String(never)}`);
    }
  }
}
