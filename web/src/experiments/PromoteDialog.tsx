import type { ExperimentReport } from '@waymark/shared';
import { Dialog } from '../app/Dialog.tsx';
import type { PromoteChoice } from './promoteChoices.ts';

export interface PromoteDialogProps {
  choice: PromoteChoice | null;
  /** A split promotes by publishing a new version of its journey; a journey experiment only routes new entrants. */
  kind: ExperimentReport['kind'];
  /** The experiment holds some users out; promoting ends that too. */
  hasHoldout: boolean;
  /** The draft differs from the published version, and promoting publishes from the published one. */
  draftDiffers: boolean;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks before promoting, and says what it does. A variant the verdict does not back can still be promoted, but
 * only past a warning that names why the evidence is not conclusive, with a red button.
 */
export function PromoteDialog({ choice, kind, hasHoldout, draftDiffers, busy, error, onConfirm, onCancel }: PromoteDialogProps) {
  const variant = choice?.variant ?? '';
  const conclusive = choice?.conclusive ?? false;
  return (
    <Dialog
      open={choice !== null}
      title={conclusive ? `Promote ${variant}?` : `Promote ${variant} without a verdict?`}
      onClose={() => !busy && onCancel()}
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
          <button type="button" className={`btn ${conclusive ? 'btn--primary' : 'btn--danger'}`} onClick={onConfirm} disabled={busy} data-testid="promote-confirm">
            {busy ? 'Promoting…' : conclusive ? `Promote ${variant}` : `Promote ${variant} anyway`}
          </button>
        </>
      }
    >
      {!conclusive && choice?.caution && (
        <p className="dialog__warning" data-testid="promote-caution">
          <strong>The evidence is not conclusive.</strong> {choice.caution} Promoting now may keep a variant that is no better, or worse, than the
          others.
        </p>
      )}
      {kind === 'journeys' ? (
        <>
          <p>
            Every user who triggers the experiment from now on enters <strong>{variant}</strong>&apos;s journey
            {choice?.journeyName ? <>, “{choice.journeyName}”</> : ''}
            {hasHoldout ? ', including those who would have been held out' : ''}. Users already in a variant finish where they are.
          </p>
          <p>The experiment ends; no journey is changed. Its results stay readable here.</p>
        </>
      ) : (
        <>
          <p>
            Every user who reaches the split from now on follows <strong>{variant}</strong>
            {hasHoldout ? ', including those who would have been held out' : ''}. Users already in a variant finish where they are.
          </p>
          <p>This publishes a new version of the journey. The experiment's results stay readable here.</p>
        </>
      )}
      {draftDiffers && (
        <p className="dialog__warning">
          The draft has changes that are not published. Promoting starts from the published version, so the draft becomes that version with{' '}
          {variant} at 100%.
        </p>
      )}
      {error && (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
