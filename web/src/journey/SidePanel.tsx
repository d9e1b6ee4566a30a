import { useState, type ReactElement } from 'react';
import { UserLookupPanel } from '../users/UserLookupPanel.tsx';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';

type Tab = 'problems' | 'user';

/**
 * The right-hand panel (the inspector joins these tabs when editing arrives). It starts folded into a rail
 * unless there are problems, so a journey opens as large as the screen allows.
 */
export function SidePanel({ journeyId }: { journeyId: string }) {
  const problemCount = useJourneyStore((s) => s.violations.length);
  const [tab, setTab] = useState<Tab>(problemCount > 0 ? 'problems' : 'user');
  const [open, setOpen] = useState(problemCount > 0);

  const show = (next: Tab) => {
    setTab(next);
    setOpen(true);
  };

  const tabButton = (id: Tab, label: string, count?: number) => (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`tabpanel-${id}`}
      className="tabs__tab"
      onClick={() => setTab(id)}
    >
      {label}
      {count !== undefined && <span className={`tabs__count${count > 0 ? ' is-alert' : ''}`}>{count}</span>}
    </button>
  );

  const railButton = (id: Tab, label: string, icon: ReactElement, count?: number) => (
    <button type="button" className="side-rail__button" onClick={() => show(id)} aria-label={count ? `${label} (${count})` : label} title={label}>
      {icon}
      {count ? <span className="side-rail__count">{count}</span> : null}
      <span className="side-rail__label">{label}</span>
    </button>
  );

  return (
    <>
      {!open && (
        <nav className="side-rail" aria-label="Journey panels">
          {railButton('problems', 'Problems', <AlertIcon />, problemCount)}
          {railButton('user', 'Users', <UserIcon />)}
        </nav>
      )}
      {/* Stays mounted while folded, so a looked-up user (and their highlighted path) survives. */}
      <aside className="side-panel" aria-label="Journey details" hidden={!open}>
        <div className="tabs" role="tablist">
          {tabButton('problems', 'Problems', problemCount)}
          {tabButton('user', 'Find a user')}
          <button type="button" className="tabs__close btn btn--ghost btn--small" onClick={() => setOpen(false)} aria-label="Fold the panel" title="Fold the panel">
            <FoldIcon />
          </button>
        </div>
        <div className="side-panel__body" role="tabpanel" id="tabpanel-problems" aria-labelledby="tab-problems" hidden={tab !== 'problems'}>
          <ProblemsPanel />
        </div>
        <div className="side-panel__body" role="tabpanel" id="tabpanel-user" aria-labelledby="tab-user" hidden={tab !== 'user'}>
          <UserLookupPanel journeyId={journeyId} />
        </div>
      </aside>
    </>
  );
}

const icon = (children: ReactElement | ReactElement[]) => (
  <svg width="18" height="18" viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
);
const AlertIcon = () => icon([<path key="t" d="M9 2.5l7 12.5H2z" />, <path key="l" d="M9 7.5v3.2M9 13v.01" />]);
const UserIcon = () => icon([<circle key="c" cx="9" cy="6" r="3" />, <path key="b" d="M3 15.5c.8-3 3.2-4.5 6-4.5s5.2 1.5 6 4.5" />]);
const FoldIcon = () => icon(<path d="M7 5l4 4-4 4" />);
