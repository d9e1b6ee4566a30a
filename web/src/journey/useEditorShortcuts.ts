import { useEffect, useRef } from 'react';
import { editorShortcut, isTextEntry, type EditorShortcut } from './editorShortcut.ts';

/**
 * Undo, redo and save from the keyboard anywhere on the journey page. Handlers are read at key time, so callers
 * need not memoise them.
 */
export function useEditorShortcuts(handlers: Record<EditorShortcut, () => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // A dialog on top (import problems, leave confirmation) owns the keyboard.
      if ((event.target as Element | null)?.closest?.('dialog[open]')) return;
      const shortcut = editorShortcut(event, isTextEntry(event.target));
      if (!shortcut) return;
      event.preventDefault();
      // Holding Ctrl+Z walks back through history; holding Ctrl+S should not send a request per repeat.
      if (shortcut === 'save' && event.repeat) return;
      latest.current[shortcut]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
