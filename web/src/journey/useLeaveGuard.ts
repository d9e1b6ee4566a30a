import { useCallback, useEffect, useRef, useState } from 'react';
import { parseRoute } from '../app/route.ts';
import type { Autosave } from './useAutosave.ts';

export interface LeaveGuard {
  /** Where the marketer asked to go while changes were unsaved; the confirmation is open while set. */
  pending: string | null;
  /** Why "Save and leave" did not leave. */
  error: string | null;
  busy: boolean;
  stay(): void;
  saveAndLeave(): Promise<void>;
  leaveWithoutSaving(): void;
}

/**
 * Unsaved changes are not lost by accident: closing or reloading the tab asks the browser's question, and a link
 * away from the journey (the header's "Journeys", the top bar) asks in the app, offering to save first.
 */
export function useLeaveGuard(journeyId: string, autosave: Autosave): LeaveGuard {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unsaved = autosave.status !== 'saved';
  const unsavedRef = useRef(unsaved);
  useEffect(() => {
    unsavedRef.current = unsaved;
  });

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsavedRef.current) return;
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (!unsavedRef.current || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
      const href = link?.getAttribute('href');
      if (!href) return;
      const route = parseRoute(href);
      if (route.name === 'journey' && route.id === journeyId) return;
      event.preventDefault();
      setError(null);
      setPending(href);
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [journeyId]);

  const { saver } = autosave;
  const stay = useCallback(() => setPending(null), []);
  const saveAndLeave = useCallback(async () => {
    if (!pending) return;
    setBusy(true);
    const ok = await saver.saveNow();
    setBusy(false);
    if (ok) window.location.hash = pending;
    else setError(saver.getState().error ?? 'The draft could not be saved.');
  }, [pending, saver]);
  const leaveWithoutSaving = useCallback(() => {
    if (!pending) return;
    saver.discard();
    window.location.hash = pending;
  }, [pending, saver]);

  return { pending, error, busy, stay, saveAndLeave, leaveWithoutSaving };
}
