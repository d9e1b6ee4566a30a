import { describeDuration, parseDuration, type ExperimentReport } from '@waymark/shared';
import { formatCount, formatDateTime } from '../app/format.ts';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Users still inside their attribution window, and why they are not in the figures yet; null when none. */
export function pendingNote(report: ExperimentReport): string | null {
  const pending = report.arms.reduce((sum, arm) => sum + arm.pending, 0);
  if (pending === 0) return null;
  const converted = report.arms.reduce((sum, arm) => sum + arm.pendingConverted, 0);
  const window = parseDuration(report.attributionWindow) !== undefined ? describeDuration(report.attributionWindow) : report.attributionWindow;
  return (
    `${plural(pending, 'more user is', 'more users are')} still inside their attribution window (${window})` +
    `${converted > 0 ? `; ${plural(converted, 'has', 'have')} converted so far` : ''}. ` +
    'Users count once their window has closed, so a variant that only converts sooner does not look better than it is.'
  );
}

/** Which allocation phase is being read, when the weights have changed since the start; null for the first. */
export function phaseNote(report: ExperimentReport): string | null {
  if (!report.phase || report.phase.number <= 1) return null;
  const { number, since, earlierUsers } = report.phase;
  return (
    `Reading allocation phase ${number}: users assigned since ${formatDateTime(since)}, when the weights last changed. ` +
    `${plural(earlierUsers, 'earlier user keeps', 'earlier users keep')} their arm but ${earlierUsers === 1 ? 'is' : 'are'} not in this reading.`
  );
}
