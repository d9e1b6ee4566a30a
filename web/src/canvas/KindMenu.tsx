import { nodeKindOf, type NodeType } from '@waymark/shared';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import { kindIcons } from '../nodes/kindIcons.tsx';

export interface KindMenuProps {
  /** Read out when the menu opens: "Add a step here". */
  label: string;
  kinds: readonly NodeType[];
  onPick(type: NodeType): void;
  onClose(): void;
  /**
   * The button that opened the menu: pressing it again toggles the menu rather than closing and reopening it, and
   * focus returns to it after a pick or Escape.
   */
  anchor?: RefObject<HTMLElement | null>;
  className?: string;
  style?: CSSProperties;
}

/**
 * A compact menu of step kinds (icon, colour, name), opened from "+" on an edge or a connection dropped on empty
 * canvas. Keyboard first: it takes focus, arrows move, Enter picks, Escape or a click elsewhere closes it.
 */
export function KindMenu({ label, kinds, onPick, onClose, anchor, className, style }: KindMenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target) && !anchor?.current?.contains(target)) onClose();
    };
    // Capture, so a press on the canvas (which React Flow stops) still closes the menu.
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose, anchor]);

  const onKeyDown = (event: KeyboardEvent) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      anchor?.current?.focus();
      onClose();
    } else if (event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={ref} className={`kind-menu nodrag nopan nowheel${className ? ` ${className}` : ''}`} style={style} role="menu" aria-label={label} onKeyDown={onKeyDown}>
      <div className="kind-menu__title" aria-hidden="true">
        {label}
      </div>
      {kinds.map((type) => {
        const kind = nodeKindOf(type);
        const Icon = kindIcons[type];
        return (
          <button
            key={type}
            type="button"
            role="menuitem"
            className={`kind-menu__item kind--${type}`}
            title={kind.description}
            data-testid={`kind-menu-${type}`}
            onClick={() => {
              onPick(type);
              anchor?.current?.focus();
              onClose();
            }}
          >
            <span className="kind-menu__icon">
              <Icon />
            </span>
            {kind.label}
          </button>
        );
      })}
    </div>
  );
}
