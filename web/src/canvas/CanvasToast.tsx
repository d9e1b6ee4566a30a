import { useEffect } from 'react';
import { useJourneyStore, useJourneyStoreApi } from '../store/useJourneyStore.ts';

const SHOW_MS = 6_000;

/**
 * The store's notice (why an edit was refused) as a small toast over the canvas. It fades after a few seconds, or
 * at the next edit; the live region stays mounted so screen readers hear each new notice.
 */
export function CanvasToast() {
  const notice = useJourneyStore((s) => s.notice);
  const store = useJourneyStoreApi();

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => store.getState().dismissNotice(), SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, store]);

  return (
    <div className="canvas-toast-region" role="status" aria-live="polite">
      {notice && (
        <div className="canvas-toast" data-testid="canvas-toast" key={notice}>
          <svg className="canvas-toast__icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true">
            <circle cx="8" cy="8" r="6.5" />
            <path d="M8 4.8v3.6M8 11v.01" />
          </svg>
          <span className="canvas-toast__text">{notice}</span>
          <button type="button" className="canvas-toast__close" aria-label="Dismiss" onClick={() => store.getState().dismissNotice()}>
            <svg width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true">
              <path d="M3 3l6 6M9 3l-6 6" />
            </svg>
          </button>
        </div>
      )}
    </div>
  );
}
