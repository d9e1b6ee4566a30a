import type { SaveStatus as Status } from './draftSaver.ts';

const WORDS: Record<Status, string> = {
  saved: 'All changes saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Couldn’t save — retry',
};

/** How saving the draft is going, beside the journey's name; after a failure it is the retry button. */
export function SaveStatus({ status, error, onRetry }: { status: Status; error: string | null; onRetry(): void }) {
  return (
    <span className={`save-status save-status--${status}`} role="status" data-testid="save-status" data-status={status}>
      {status === 'error' ? (
        <button type="button" className="save-status__retry" onClick={onRetry} title={error ?? undefined}>
          <StatusIcon status={status} />
          {WORDS[status]}
        </button>
      ) : (
        <>
          <StatusIcon status={status} />
          {WORDS[status]}
        </>
      )}
    </span>
  );
}

function StatusIcon({ status }: { status: Status }) {
  if (status === 'saving') return <span className="save-status__spinner" aria-hidden="true" />;
  if (status === 'dirty') return <span className="save-status__dot" aria-hidden="true" />;
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {status === 'saved' ? <path d="M3 7.5l2.5 2.5L11 4.5" /> : <path d="M7 3.5v4M7 10v.01M7 1.5l5.8 10H1.2z" />}
    </svg>
  );
}
