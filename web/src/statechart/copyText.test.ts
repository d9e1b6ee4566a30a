import { describe, expect, it, vi } from 'vitest';
import { copyText } from './copyText.ts';

function fakeDocument(copies: boolean) {
  const area = { value: '', style: {}, setAttribute: vi.fn(), select: vi.fn(), remove: vi.fn() };
  const doc = { createElement: () => area, body: { append: vi.fn() }, execCommand: vi.fn(() => copies) };
  return { area, doc: doc as unknown as Document };
}

describe('copyText', () => {
  it('uses the clipboard when it is there', async () => {
    const writeText = vi.fn(async () => {});
    const { doc } = fakeDocument(true);
    expect(await copyText('{"id":"journey"}', { navigator: { clipboard: { writeText } } as unknown as Navigator, document: doc })).toBe(true);
    expect(writeText).toHaveBeenCalledWith('{"id":"journey"}');
    expect(doc.execCommand).not.toHaveBeenCalled();
  });

  it('falls back to a selected textarea when the clipboard refuses', async () => {
    const writeText = vi.fn(async () => {
      throw new Error('NotAllowedError');
    });
    const { area, doc } = fakeDocument(true);
    expect(await copyText('json', { navigator: { clipboard: { writeText } } as unknown as Navigator, document: doc })).toBe(true);
    expect(area.value).toBe('json');
    expect(doc.execCommand).toHaveBeenCalledWith('copy');
    expect(area.remove).toHaveBeenCalled();
  });

  it('answers false when nothing could copy', async () => {
    const { doc } = fakeDocument(false);
    expect(await copyText('json', { navigator: {} as Navigator, document: doc })).toBe(false);
  });
});
