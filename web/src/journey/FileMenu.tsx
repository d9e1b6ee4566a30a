import { useReactFlow } from '@xyflow/react';
import type { FieldProblem } from '@waymark/shared';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useJourneyStoreApi } from '../store/useJourneyStore.ts';
import { Dialog } from '../app/Dialog.tsx';
import { journeyFileName, journeyFileText, readJourneyFile } from './journeyFile.ts';

/** Export the draft as `<name>.waymark.json`, or replace it with an imported file (one undo step). */
export function FileMenu({ onImported }: { onImported(name: string): void }) {
  const store = useJourneyStoreApi();
  const flow = useReactFlow();
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<{ file: string; problems: FieldProblem[] } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open, close]);

  const exportFile = () => {
    close();
    const doc = store.getState().document;
    if (!doc) return;
    const url = URL.createObjectURL(new Blob([journeyFileText(doc)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: journeyFileName(doc.name) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const read = readJourneyFile(await file.text());
    if (!read.ok) {
      setProblems({ file: file.name, problems: read.problems });
      return;
    }
    store.getState().replaceDocument(read.document);
    onImported(read.document.name);
    // Two frames: React Flow has drawn and measured the new steps (some may reuse an old step's id and size).
    requestAnimationFrame(() => requestAnimationFrame(() => void flow.fitView({ padding: 0.1, maxZoom: 1, duration: 300 })));
  };

  return (
    <div className="menu-button" ref={wrapper}>
      <button
        type="button"
        className="btn btn--secondary btn--icon-text"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title="Export this journey as a file, or import one"
      >
        <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M8 2v8M5 7l3 3 3-3M2.5 11v2a1 1 0 001 1h9a1 1 0 001-1v-2" />
        </svg>
        File
      </button>
      {open && (
        <div
          className="kind-menu menu-button__menu"
          role="menu"
          aria-label="File"
          onKeyDown={(event) => {
            const items = Array.from(wrapper.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
            const at = items.indexOf(document.activeElement as HTMLButtonElement);
            if (event.key === 'Escape') close();
            else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') items[(at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
            else return;
            event.preventDefault();
          }}
        >
          <button type="button" role="menuitem" className="kind-menu__item" onClick={exportFile}>
            Export as file
            <span className="kind-menu__hint">.waymark.json</span>
          </button>
          <button
            type="button"
            role="menuitem"
            className="kind-menu__item"
            onClick={() => {
              close();
              input.current?.click();
            }}
          >
            Import from file…
          </button>
        </div>
      )}
      <input ref={input} type="file" accept=".json,application/json" hidden onChange={(e) => void importFile(e)} data-testid="import-file-input" aria-label="Journey file to import" />
      <Dialog
        open={problems !== null}
        title="This file can’t be imported"
        onClose={() => setProblems(null)}
        actions={
          <button type="button" className="btn btn--primary" onClick={() => setProblems(null)} autoFocus>
            OK
          </button>
        }
      >
        <p>
          <strong>{problems?.file}</strong> is not a journey Waymark can read. Nothing was changed.
        </p>
        <ul className="dialog__problems" aria-label="Problems in the file">
          {problems?.problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              <code>{p.field || 'file'}</code> {p.message}
            </li>
          ))}
        </ul>
        {problems && problems.problems.length > 20 && <p className="muted">…and {problems.problems.length - 20} more.</p>}
      </Dialog>
    </div>
  );
}
