import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface RowMenuItem {
  label: string;
  onSelect(): void;
  danger?: boolean;
}

type Place = { top: number; right: number } | { bottom: number; right: number };

/**
 * A "⋯" button with a small menu of row actions. The menu is fixed to the viewport (the table card clips its
 * overflow), opens upwards near the bottom of the screen, and closes on Escape, a click elsewhere, or a scroll.
 */
export function RowMenu({ label, items }: { label: string; items: RowMenuItem[] }) {
  const [place, setPlace] = useState<Place | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const open = place !== null;

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setPlace(null);
    };
    const close = () => setPlace(null);
    document.addEventListener('pointerdown', outside);
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, [open]);

  const toggle = () => {
    if (open || !button.current) return setPlace(null);
    const rect = button.current.getBoundingClientRect();
    const right = window.innerWidth - rect.right;
    setPlace(rect.bottom + 160 > window.innerHeight ? { bottom: window.innerHeight - rect.top + 4, right } : { top: rect.bottom + 4, right });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPlace(null);
      button.current?.focus();
    } else if (e.key === 'Tab') {
      setPlace(null);
    }
  };

  return (
    // Clicks stay here: the row around the menu opens the journey.
    <span className="row-menu" onClick={(e) => e.stopPropagation()}>
      <button
        ref={button}
        type="button"
        className="btn btn--ghost btn--small btn--icon row-menu__button"
        aria-label={label}
        title="More actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="3.5" cy="8" r="1.4" fill="currentColor" />
          <circle cx="8" cy="8" r="1.4" fill="currentColor" />
          <circle cx="12.5" cy="8" r="1.4" fill="currentColor" />
        </svg>
      </button>
      {place && (
        <div ref={menu} id={menuId} className="row-menu__list" role="menu" aria-label={label} style={place} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className={`row-menu__item${item.danger ? ' is-danger' : ''}`}
              onClick={() => {
                setPlace(null);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
