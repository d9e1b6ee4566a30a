import { nodeKindOf, nodeTypes, type NodeType } from '@waymark/shared';
import { useState, type DragEvent } from 'react';
import { kindIcons } from '../nodes/kindIcons.tsx';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { writeDraggedKind } from './paletteDrag.ts';

const FOLDED_KEY = 'waymark.paletteFolded';

function readFolded(): boolean {
  try {
    return localStorage.getItem(FOLDED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The left rail of step kinds, one per kind with its icon, colour and words from the node registry. Drag one onto
 * the canvas to place it there, or press it (mouse or keyboard) to add it in the middle of the view.
 */
export function NodePalette({ onAdd }: { onAdd(type: NodeType): void }) {
  const hasTrigger = useJourneyStore((s) => s.document?.nodes.some((n) => n.type === 'trigger') ?? false);
  const [folded, setFolded] = useState(readFolded);

  const toggle = () => {
    setFolded(!folded);
    try {
      localStorage.setItem(FOLDED_KEY, folded ? '0' : '1');
    } catch {
      // Private mode: the choice lasts until reload.
    }
  };

  return (
    <nav className={`palette${folded ? ' is-folded' : ''}`} aria-label="Steps">
      <div className="palette__head">
        {!folded && (
          <div>
            <h2 className="palette__title">Steps</h2>
            <p className="palette__hint">Drag onto the canvas, or click to add.</p>
          </div>
        )}
        <button
          type="button"
          className="btn btn--ghost btn--small btn--icon palette__fold"
          onClick={toggle}
          aria-label={folded ? 'Unfold the steps palette' : 'Fold the steps palette'}
          title={folded ? 'Show step names' : 'Fold'}
          aria-expanded={!folded}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d={folded ? 'M6 4l4 4-4 4' : 'M10 4L6 8l4 4'} />
          </svg>
        </button>
      </div>
      <ul className="palette__list">
        {nodeTypes.map((type) => (
          <li key={type}>
            <PaletteItem type={type} folded={folded} blocked={type === 'trigger' && hasTrigger ? 'This journey has its trigger already: a journey has one.' : undefined} onAdd={onAdd} />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PaletteItem({ type, folded, blocked, onAdd }: { type: NodeType; folded: boolean; blocked?: string; onAdd(type: NodeType): void }) {
  const kind = nodeKindOf(type);
  const Icon = kindIcons[type];
  const descriptionId = `palette-${type}-description`;

  const onDragStart = (event: DragEvent) => {
    if (blocked) return event.preventDefault();
    writeDraggedKind(event.dataTransfer, type);
  };

  return (
    <button
      type="button"
      className={`palette__item kind--${type}`}
      draggable={!blocked}
      onDragStart={onDragStart}
      onClick={() => onAdd(type)}
      disabled={blocked !== undefined}
      aria-label={`Add ${kind.label} step`}
      aria-describedby={descriptionId}
      title={blocked ?? (folded ? `${kind.label}: ${kind.description}` : undefined)}
      data-testid={`palette-item-${type}`}
    >
      <span className="palette__icon">
        <Icon />
      </span>
      <span className="palette__text" hidden={folded}>
        <span className="palette__label">{kind.label}</span>
        <span className="palette__description" id={descriptionId}>
          {blocked ?? kind.description}
        </span>
      </span>
      {!folded && !blocked && (
        <span className="palette__grip" aria-hidden="true">
          <svg width="10" height="14" viewBox="0 0 10 14" fill="currentColor">
            <circle cx="3" cy="3" r="1.2" />
            <circle cx="7" cy="3" r="1.2" />
            <circle cx="3" cy="7" r="1.2" />
            <circle cx="7" cy="7" r="1.2" />
            <circle cx="3" cy="11" r="1.2" />
            <circle cx="7" cy="11" r="1.2" />
          </svg>
        </span>
      )}
    </button>
  );
}
