import { useRef, useState, type ReactElement } from 'react';
import { useExperiment } from '../experiments/ExperimentContext.ts';
import { ExperimentPanel } from '../experiments/ExperimentPanel.tsx';
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';
import { JourneySettingsPanel } from '../inspector/JourneySettingsPanel.tsx';
import { StatechartPanel } from '../statechart/StatechartPanel.tsx';
import { UserLookupPanel, type UserLookupHandle } from '../users/UserLookupPanel.tsx';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { DeadLetterPanel } from '../deliveries/DeadLetterPanel.tsx';

type Tab = 'inspector' | 'problems' | 'experiment' | 'user' | 'deliveries' | 'settings' | 'statechart';

/**
 * The right-hand panel. Selecting one step opens it on the Step tab (the inspector), which comes first while
 * anything is selected and goes away with the selection, leaving the tab that was open before. It starts
 * folded into a rail unless there are problems, so a journey opens as large as the screen allows. The Experiment
 * tab is there while the published version has a split, and is where a journey with one opens.
 */
export function SidePanel({ journeyId, onChanged }: { journeyId: string; /** A promotion published a new version. */ onChanged(): void }) {
  const problemCount = useJourneyStore((s) => s.violations.length);
  const selectedKey = useJourneyStore((s) => s.selection.nodeIds.join('\n'));
  const hasSelection = useJourneyStore((s) => s.selection.nodeIds.length + s.selection.edgeIds.length > 0);
  const hasExperiment = useExperiment().node !== null;
  const deadCount = useJourneyStore((s) => s.stats?.totals.offersDead ?? 0);
  const first: Exclude<Tab, 'inspector'> = problemCount > 0 ? 'problems' : hasExperiment ? 'experiment' : 'user';
  const [chosen, setChosen] = useState<Tab>(first);
  // The tab under the Step tab, shown again once nothing is selected.
  const [below, setBelow] = useState<Exclude<Tab, 'inspector'>>(first);
  const [open, setOpen] = useState(problemCount > 0);
  const lookup = useRef<UserLookupHandle>(null);

  // A newly selected single step opens the inspector (adjusting state while rendering: no effect, no flash).
  const single = selectedKey !== '' && !selectedKey.includes('\n') ? selectedKey : null;
  const [lastSingle, setLastSingle] = useState(single);
  if (single !== lastSingle) {
    setLastSingle(single);
    if (single !== null) {
      setChosen('inspector');
      setOpen(true);
    }
  }
  let tab: Tab = chosen === 'inspector' && !hasSelection ? below : chosen;
  // Unpublishing the split (or a new version without one) takes its tab away.
  if (tab === 'experiment' && !hasExperiment) tab = 'user';

  const choose = (next: Tab) => {
    setChosen(next);
    if (next !== 'inspector') setBelow(next);
  };
  const show = (next: Tab) => {
    choose(next);
    setOpen(true);
  };
  const openUser = (userId: string) => {
    show('user');
    lookup.current?.lookUp(userId);
  };

  const tabs: Array<{ id: Tab; label: string; icon: ReactElement; count?: number }> = [
    ...(hasSelection ? [{ id: 'inspector' as const, label: 'Step', icon: <SlidersIcon /> }] : []),
    { id: 'problems', label: 'Problems', icon: <AlertIcon />, count: problemCount },
    ...(hasExperiment ? [{ id: 'experiment' as const, label: 'Experiment', icon: <FlaskIcon /> }] : []),
    { id: 'user', label: 'Users', icon: <UserIcon /> },
    // Counted only when something failed: a grey 0 on every journey would teach people to ignore the badge.
    { id: 'deliveries', label: 'Deliveries', icon: <SendIcon />, ...(deadCount > 0 ? { count: deadCount } : {}) },
    { id: 'settings', label: 'Settings', icon: <GearIcon /> },
    { id: 'statechart', label: 'Statechart', icon: <CodeIcon /> },
  ];

  return (
    <>
      {!open && (
        <nav className="side-rail" aria-label="Journey panels">
          {tabs.map(({ id, label, icon, count }) => (
            <button key={id} type="button" className="side-rail__button" onClick={() => show(id)} aria-label={count ? `${label} (${count})` : label} title={label}>
              {icon}
              {count ? <span className="side-rail__count">{count}</span> : null}
              <span className="side-rail__label">{label}</span>
            </button>
          ))}
        </nav>
      )}
      {/* Stays mounted while folded, so a looked-up user (and their highlighted path) survives. */}
      <aside className="side-panel side-panel--wide" aria-label="Journey details" hidden={!open}>
        <div className="tabs tabs--dense" role="tablist">
          {tabs.map(({ id, label, count }) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`tabpanel-${id}`}
              className="tabs__tab"
              onClick={() => choose(id)}
            >
              {label}
              {count !== undefined && <span className={`tabs__count${count > 0 ? ' is-alert' : ''}`}>{count}</span>}
            </button>
          ))}
          <button type="button" className="tabs__close btn btn--ghost btn--small" onClick={() => setOpen(false)} aria-label="Fold the panel" title="Fold the panel">
            <FoldIcon />
          </button>
        </div>
        {/* Panels that hold nothing worth keeping render only while shown: the statechart recompiles on every edit. */}
        {tab === 'inspector' && (
          <div className="side-panel__body" role="tabpanel" id="tabpanel-inspector" aria-labelledby="tab-inspector">
            <InspectorPanel />
          </div>
        )}
        <div className="side-panel__body" role="tabpanel" id="tabpanel-problems" aria-labelledby="tab-problems" hidden={tab !== 'problems'}>
          <ProblemsPanel onFocus={() => setChosen('inspector')} />
        </div>
        {tab === 'experiment' && (
          <div className="side-panel__body" role="tabpanel" id="tabpanel-experiment" aria-labelledby="tab-experiment">
            <ExperimentPanel journeyId={journeyId} onPromoted={onChanged} />
          </div>
        )}
        <div className="side-panel__body" role="tabpanel" id="tabpanel-user" aria-labelledby="tab-user" hidden={tab !== 'user'}>
          <UserLookupPanel journeyId={journeyId} ref={lookup} />
        </div>
        {/* Stays mounted so the list (and a running "Retry all") survives a visit to another tab; polls only while shown. */}
        <div className="side-panel__body" role="tabpanel" id="tabpanel-deliveries" aria-labelledby="tab-deliveries" hidden={tab !== 'deliveries'}>
          <DeadLetterPanel journeyId={journeyId} active={open && tab === 'deliveries'} onOpenUser={openUser} />
        </div>
        {tab === 'settings' && (
          <div className="side-panel__body" role="tabpanel" id="tabpanel-settings" aria-labelledby="tab-settings">
            <JourneySettingsPanel />
          </div>
        )}
        {tab === 'statechart' && (
          <div className="side-panel__body side-panel__body--flush" role="tabpanel" id="tabpanel-statechart" aria-labelledby="tab-statechart">
            <StatechartPanel />
          </div>
        )}
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
const SlidersIcon = () =>
  icon([<path key="l" d="M3 5h7M13 5h2M3 13h2M8 13h7" />, <circle key="a" cx="11.5" cy="5" r="1.5" />, <circle key="b" cx="6.5" cy="13" r="1.5" />]);
const GearIcon = () =>
  icon([
    <circle key="c" cx="9" cy="9" r="2.2" />,
    <path
      key="g"
      d="M9 2v2M9 14v2M2 9h2M14 9h2M4 4l1.4 1.4M12.6 12.6L14 14M4 14l1.4-1.4M12.6 5.4L14 4"
    />,
  ]);
const FlaskIcon = () => icon([<path key="f" d="M7 2.5h4M7.5 2.5v4.2L3.6 13.6a1.2 1.2 0 001 1.9h8.8a1.2 1.2 0 001-1.9L10.5 6.7V2.5" />, <path key="l" d="M5.2 11h7.6" />]);
const SendIcon = () => icon([<path key="p" d="M15.5 2.5L8 10M15.5 2.5L10.8 15.5 8 10 2.5 7.2z" />]);
const CodeIcon = () => icon([<path key="l" d="M6 5L2.5 9 6 13" />, <path key="r" d="M12 5l3.5 4-3.5 4" />]);
