export type EditorShortcut = 'undo' | 'redo' | 'save';

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Whether focus is somewhere the marketer types, where Ctrl+Z must undo the typing, not the canvas. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/**
 * The editor shortcut a key press means: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+S save. Saving
 * works while typing (the browser's own "save page" would be no use); undo and redo leave typing alone.
 */
export function editorShortcut(keys: Keys, typing: boolean): EditorShortcut | null {
  if (!(keys.ctrlKey || keys.metaKey) || keys.altKey) return null;
  const key = keys.key.toLowerCase();
  if (key === 's' && !keys.shiftKey) return 'save';
  if (typing) return null;
  if (key === 'z') return keys.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !keys.shiftKey) return 'redo';
  return null;
}
