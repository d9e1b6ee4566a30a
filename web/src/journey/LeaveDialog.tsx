import { Dialog } from '../app/Dialog.tsx';
import type { LeaveGuard } from './useLeaveGuard.ts';

/** "You have unsaved changes": save and leave (the default), leave anyway, or stay. */
export function LeaveDialog({ guard }: { guard: LeaveGuard }) {
  return (
    <Dialog
      open={guard.pending !== null}
      title="Leave with unsaved changes?"
      onClose={guard.stay}
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={guard.stay} disabled={guard.busy}>
            Stay
          </button>
          <button type="button" className="btn btn--ghost btn--danger-text" onClick={guard.leaveWithoutSaving} disabled={guard.busy}>
            Leave without saving
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void guard.saveAndLeave()} disabled={guard.busy} autoFocus>
            {guard.busy ? 'Saving…' : 'Save and leave'}
          </button>
        </>
      }
    >
      <p>Your latest edits to this journey have not reached the server yet.</p>
      {guard.error && (
        <p className="dialog__error" role="alert">
          Couldn’t save: {guard.error}
        </p>
      )}
    </Dialog>
  );
}
