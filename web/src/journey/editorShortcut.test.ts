import { describe, expect, it } from 'vitest';
import { editorShortcut } from './editorShortcut.ts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('editorShortcut', () => {
  it('reads undo, redo and save with Ctrl or ⌘', () => {
    expect(editorShortcut(press('z', { ctrl: true }), false)).toBe('undo');
    expect(editorShortcut(press('z', { meta: true }), false)).toBe('undo');
    expect(editorShortcut(press('Z', { ctrl: true, shift: true }), false)).toBe('redo');
    expect(editorShortcut(press('y', { ctrl: true }), false)).toBe('redo');
    expect(editorShortcut(press('s', { meta: true }), false)).toBe('save');
  });

  it('leaves undo and redo to a text field being typed in, but still saves', () => {
    expect(editorShortcut(press('z', { ctrl: true }), true)).toBeNull();
    expect(editorShortcut(press('y', { ctrl: true }), true)).toBeNull();
    expect(editorShortcut(press('s', { ctrl: true }), true)).toBe('save');
  });

  it('ignores plain keys and other combinations', () => {
    expect(editorShortcut(press('z'), false)).toBeNull();
    expect(editorShortcut(press('z', { ctrl: true, alt: true }), false)).toBeNull();
    expect(editorShortcut(press('s', { ctrl: true, shift: true }), false)).toBeNull();
  });
});
