import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LayoutDirection } from '../layout/flowDirection.ts';
import { sizeOf } from '../layout/nodeSize.ts';
import type { FlowEdge, FlowNode } from '../store/documentToFlow.ts';
import { useJourneyStore, useJourneyStoreApi } from '../store/useJourneyStore.ts';
import { useCanvasMode } from './CanvasMode.ts';
import { readableViewport } from './readableViewport.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

const DIRECTIONS: Array<{ direction: LayoutDirection; label: string }> = [
  { direction: 'RIGHT', label: 'Left to right' },
  { direction: 'DOWN', label: 'Top to bottom' },
];

/** Undo, redo and auto-layout, floating over the canvas's top-left corner. */
export function CanvasToolbar() {
  const store = useJourneyStoreApi();
  const canUndo = useJourneyStore((s) => s.history.past.length > 0);
  const canRedo = useJourneyStore((s) => s.history.future.length > 0);
  const { direction } = useCanvasMode();
  const layout = useAutoLayout();
  const [menuOpen, setMenuOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const closeMenu = useCallback(() => setMenuOpen(false), []);

  const run = async (to: LayoutDirection) => {
    setMenuOpen(false);
    setBusy(true);
    try {
      await layout(to);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
      <ToolButton label="Undo" shortcut={`${mod}Z`} disabled={!canUndo} onClick={() => store.getState().undo()}>
        <path d="M6 4L3 7l3 3M3 7h7a3.5 3.5 0 010 7H8" />
      </ToolButton>
      <ToolButton label="Redo" shortcut={isMac ? '⇧⌘Z' : 'Ctrl+Y'} disabled={!canRedo} onClick={() => store.getState().redo()}>
        <path d="M12 4l3 3-3 3M15 7H8a3.5 3.5 0 000 7h2" />
      </ToolButton>
      <span className="canvas-toolbar__sep" aria-hidden="true" />
      <div className="canvas-toolbar__group">
        <button
          type="button"
          className="canvas-toolbar__button canvas-toolbar__button--text"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          disabled={busy}
          onClick={() => setMenuOpen(!menuOpen)}
          title="Arrange every step in tidy layers"
        >
          <svg width="18" height="18" viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" aria-hidden="true">
            <rect x="1.5" y="6.5" width="4" height="5" rx="1" />
            <rect x="12.5" y="2.5" width="4" height="5" rx="1" />
            <rect x="12.5" y="10.5" width="4" height="5" rx="1" />
            <path d="M5.5 9h3.5m0 0V5h3.5M9 9v4h3.5" strokeLinecap="round" />
          </svg>
          {busy ? 'Arranging…' : 'Auto-layout'}
          <svg width="10" height="10" viewBox="0 0 10 10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" aria-hidden="true">
            <path d="M2.5 4l2.5 2.5L7.5 4" />
          </svg>
        </button>
        {menuOpen && (
          <DirectionMenu current={direction} onPick={run} onClose={closeMenu} />
        )}
      </div>
    </div>
  );
}

function ToolButton({ label, shortcut, disabled, onClick, children }: { label: string; shortcut: string; disabled: boolean; onClick(): void; children: ReactNode }) {
  return (
    <button type="button" className="canvas-toolbar__button" aria-label={label} title={`${label} (${shortcut})`} aria-keyshortcuts={shortcut} disabled={disabled} onClick={onClick}>
      <svg width="18" height="18" viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        {children}
      </svg>
    </button>
  );
}

function DirectionMenu({ current, onPick, onClose }: { current: LayoutDirection; onPick(d: LayoutDirection): void; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitemradio"]')?.focus();
    const outside = (event: PointerEvent) => {
      if (!ref.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  return (
    <div
      ref={ref}
      className="kind-menu canvas-toolbar__menu"
      role="menu"
      aria-label="Auto-layout"
      onKeyDown={(event) => {
        const items = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]') ?? []);
        const at = items.indexOf(document.activeElement as HTMLButtonElement);
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') items[(at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
        else return;
        event.preventDefault();
      }}
    >
      {DIRECTIONS.map(({ direction, label }) => (
        <button key={direction} type="button" role="menuitemradio" aria-checked={direction === current} className="kind-menu__item" onClick={() => onPick(direction)}>
          <span className="kind-menu__icon kind-menu__icon--plain" aria-hidden="true">
            {direction === 'RIGHT' ? '→' : '↓'}
          </span>
          {label}
          {direction === current && <span className="kind-menu__check" aria-hidden="true">✓</span>}
        </button>
      ))}
    </div>
  );
}

/** Fit the laid-out journey whole down to this zoom; a larger one is shown from its start at a readable zoom. */
const LAYOUT_MIN_FIT_ZOOM = 0.5;

/**
 * Lays the draft out with ELK (loaded on first use, so the canvas does not wait for it) as one undo step, then
 * fits it in view (or, when it is too big to read whole, shows where it starts). A layout that finishes after the
 * marketer edited again is dropped rather than undoing the edit.
 */
function useAutoLayout(): (direction: LayoutDirection) => Promise<void> {
  const store = useJourneyStoreApi();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const rf = useStoreApi<FlowNode, FlowEdge>();
  return async (direction) => {
    const doc = store.getState().document;
    if (!doc) return;
    const sizes = Object.fromEntries(
      flow
        .getNodes()
        .filter((n) => n.measured?.width && n.measured.height)
        .map((n) => [n.id, { width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }]),
    );
    const { autoLayout } = await import('../layout/autoLayout.ts');
    const positions = await autoLayout(doc, direction, sizes);
    if (store.getState().document !== doc) return;
    store.getState().applyLayout(positions);
    // The bounds of the new layout, worked out here rather than waiting for React Flow to draw it.
    const boxes = doc.nodes.map((n) => ({ ...(positions[n.id] ?? n.position), ...sizeOf(n, sizes) }));
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const bounds = { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
    const { width, height } = rf.getState();
    const trigger = boxes[doc.nodes.findIndex((n) => n.type === 'trigger')];
    await flow.setViewport(readableViewport(bounds, width, height, { minFitZoom: LAYOUT_MIN_FIT_ZOOM, direction, start: trigger }), { duration: 350 });
  };
}
