import { Dialog } from '../app/Dialog.tsx';

export interface RetryAllDialogProps {
  open: boolean;
  count: number;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before sending every failed offer again, and says what happens to those that fail again. */
export function RetryAllDialog({ open, count, onConfirm, onCancel }: RetryAllDialogProps) {
  const offers = count === 1 ? '1 failed offer' : `all ${count} failed offers`;
  return (
    <Dialog
      open={open}
      title={`Retry ${offers}?`}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" onClick={onConfirm} data-testid="retry-all-confirm">
            {count === 1 ? 'Retry 1 offer' : `Retry ${count} offers`}
          </button>
        </>
      }
    >
      <p>
        Each offer goes to the address it was written with, and its attempts start over. Fix the target first: offers that keep failing come back
        here.
      </p>
    </Dialog>
  );
}
