import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import type { UserProfile } from '@waymark/shared';
import { ApiError, getUser } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { formatAgo, formatClock, formatDateTime } from '../app/format.ts';
import { useFocusNode } from '../canvas/useFocusNode.ts';
import { describeNode } from '../nodes/describeNode.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { describeTimelineEntry } from './describeTimelineEntry.ts';
import { latestRun, traceRun } from './traceRun.ts';

type Lookup =
  | { state: 'idle' }
  | { state: 'loading'; userId: string }
  | { state: 'missing'; userId: string }
  | { state: 'error'; userId: string; error: unknown }
  | { state: 'ready'; user: UserProfile };

/** Lets another panel show a user here (the Deliveries tab's user ids). */
export interface UserLookupHandle {
  lookUp(userId: string): void;
}

/** Looks up one user: their timeline, and the path of their latest run here, highlighted on the canvas. */
export function UserLookupPanel({ journeyId, ref }: { journeyId: string; ref?: Ref<UserLookupHandle> }) {
  const [query, setQuery] = useState('');
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const document = useJourneyStore((s) => s.document);
  const setTrace = useJourneyStore((s) => s.setTrace);
  const focusNode = useFocusNode();
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => () => inFlight.current?.abort(), []);
  useImperativeHandle(ref, () => ({
    lookUp(userId) {
      setQuery(userId);
      void find(userId);
    },
  }));

  async function find(userId: string) {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setLookup({ state: 'loading', userId });
    try {
      const user = await getUser(userId, controller.signal);
      setLookup({ state: 'ready', user });
      setTrace(document ? traceRun(user, journeyId, document.edges) : null);
    } catch (error) {
      if (controller.signal.aborted) return;
      setTrace(null);
      setLookup(error instanceof ApiError && error.status === 404 ? { state: 'missing', userId } : { state: 'error', userId, error });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const userId = query.trim();
    if (userId) void find(userId);
  }

  function clear() {
    inFlight.current?.abort();
    setLookup({ state: 'idle' });
    setQuery('');
    setTrace(null);
  }

  const nodeName = (nodeId: string) => {
    const node = document?.nodes.find((n) => n.id === nodeId);
    if (!node) return undefined;
    const { label, summary } = describeNode(node);
    return summary ?? label;
  };

  return (
    <div className="lookup">
      <form className="lookup__form" onSubmit={submit} role="search">
        <label className="visually-hidden" htmlFor="lookup-user">
          User id
        </label>
        <input
          id="lookup-user"
          className="input"
          placeholder="User id, such as ann"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="btn btn--secondary" disabled={!query.trim() || lookup.state === 'loading'}>
          Find
        </button>
      </form>

      {lookup.state === 'idle' && (
        <p className="panel-intro">See everything one user did, and light up the path of their latest run through this journey.</p>
      )}
      {lookup.state === 'loading' && <p className="panel-intro">Looking up {lookup.userId}…</p>}
      {lookup.state === 'missing' && (
        <p className="panel-note" role="status">
          No user “{lookup.userId}” has sent an event yet. User ids are the <code>userId</code> your app sends with each event.
        </p>
      )}
      {lookup.state === 'error' && (
        <div className="panel-note panel-note--error" role="alert">
          {errorMessage(lookup.error)}{' '}
          <button type="button" className="link-button" onClick={() => find(lookup.userId)}>
            Try again
          </button>
        </div>
      )}
      {lookup.state === 'ready' && (
        <UserSummary user={lookup.user} journeyId={journeyId} nodeName={nodeName} onRefresh={() => find(lookup.user.id)} onClear={clear} onFocus={focusNode} />
      )}
    </div>
  );
}

interface UserSummaryProps {
  user: UserProfile;
  journeyId: string;
  nodeName: (nodeId: string) => string | undefined;
  onRefresh: () => void;
  onClear: () => void;
  onFocus: (nodeId: string) => void;
}

function UserSummary({ user, journeyId, nodeName, onRefresh, onClear, onFocus }: UserSummaryProps) {
  const run = latestRun(user.runs, journeyId);
  const runText = !run
    ? 'Has not entered this journey.'
    : run.status === 'active'
      ? `In this journey since ${formatAgo(run.enteredAt)}, now at “${nodeName(run.node) ?? run.node}”.`
      : `${run.status === 'converted' ? 'Converted' : 'Left'} ${formatAgo(run.endedAt ?? run.enteredAt)} (entered v${run.version}).`;

  return (
    <>
      <div className="user-card">
        <div className="user-card__head">
          <span className="user-card__avatar" aria-hidden="true">
            {user.id.slice(0, 1).toUpperCase()}
          </span>
          <div className="user-card__who">
            <span className="user-card__id">{user.id}</span>
            <span className="user-card__seen" title={`First seen ${formatDateTime(user.firstSeenAt)}`}>
              Seen {formatAgo(user.lastSeenAt)}
            </span>
          </div>
          <div className="user-card__actions">
            <button type="button" className="btn btn--ghost btn--small btn--icon" onClick={onRefresh} aria-label="Refresh" title="Refresh">
              <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                <path d="M13.5 8a5.5 5.5 0 11-1.6-3.9M13.5 2.5v3h-3" />
              </svg>
            </button>
            <button type="button" className="btn btn--ghost btn--small btn--icon" onClick={onClear} aria-label="Clear the highlighted path" title="Clear">
              <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" />
              </svg>
            </button>
          </div>
        </div>
        {user.tags.length > 0 && (
          <div className="user-card__tags">
            {user.tags.map((tag) => (
              <span key={tag} className="wm-chip">
                {tag}
              </span>
            ))}
          </div>
        )}
        <p className={`user-card__run${run ? ` user-card__run--${run.status}` : ''}`}>{runText}</p>
      </div>

      <h3 className="panel-heading">Timeline</h3>
      <ol className="timeline">
        {user.timeline.map((entry) => {
          const { title, detail } = describeTimelineEntry(entry, (id) => (entry.journeyId === journeyId ? nodeName(id) : undefined));
          const here = entry.journeyId === journeyId && entry.node !== undefined && nodeName(entry.node) !== undefined;
          const onRun = run !== undefined && entry.runId === run.id;
          const content = (
            <>
              <span className={`timeline__dot timeline__dot--${entry.kind}`} aria-hidden="true" />
              <span className="timeline__text">
                <span className="timeline__title">{title}</span>
                {detail && <span className="timeline__detail">{detail}</span>}
              </span>
              <time className="timeline__time" dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at)}>
                {formatClock(entry.at)}
              </time>
            </>
          );
          return (
            <li key={entry.id} className={`timeline__entry${onRun ? ' is-on-run' : ''}`}>
              {here ? (
                <button type="button" className="timeline__button" onClick={() => onFocus(entry.node as string)}>
                  {content}
                </button>
              ) : (
                <div className="timeline__button">{content}</div>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
