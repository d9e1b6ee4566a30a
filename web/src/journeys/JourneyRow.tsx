import { useState, type FormEvent } from 'react';
import type { JourneySummary } from '@waymark/shared';
import { formatAgo, formatCount, formatRate } from '../app/format.ts';
import { routeHref } from '../app/route.ts';
import { navigate } from '../app/useRoute.ts';
import { ExperimentBadge } from '../journeyExperiments/ExperimentBadge.tsx';
import { nameProblem } from './journeyNames.ts';
import { RowMenu } from './RowMenu.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export type RowAction = 'toggle' | 'duplicate' | 'archive' | 'unarchive';

export interface JourneyRowProps {
  journey: JourneySummary;
  busy: boolean;
  /** Just created here (a duplicate): drawn out for a moment so the eye finds it. */
  fresh: boolean;
  onAction(action: RowAction): void;
  /** Saves a new name; rejects with the reason it could not. */
  onRename(name: string): Promise<void>;
}

/** One journey: name (renamed in place), status, live numbers, Pause/Resume and a "⋯" menu of the rest. */
export function JourneyRow({ journey, busy, fresh, onAction, onRename }: JourneyRowProps) {
  const [renaming, setRenaming] = useState(false);
  const href = routeHref({ name: 'journey', id: journey.id });
  const archived = journey.status === 'archived';
  const canToggle = journey.publishedVersion !== null && (journey.status === 'active' || journey.status === 'paused');
  const classes = ['table__row--link'];
  if (archived) classes.push('is-archived');
  if (fresh) classes.push('is-fresh');

  return (
    <tr className={classes.join(' ')} onClick={() => !renaming && navigate({ name: 'journey', id: journey.id })} data-journey-id={journey.id}>
      <td>
        {renaming ? (
          <RenameForm
            name={journey.name}
            onCancel={() => setRenaming(false)}
            onSave={async (name) => {
              await onRename(name);
              setRenaming(false);
            }}
          />
        ) : (
          <>
            <a className="table__name" href={href} onClick={(e) => e.stopPropagation()}>
              {journey.name}
            </a>
            <div className="table__sub">Edited {formatAgo(journey.updatedAt)}</div>
            {journey.experiment && (
              <div className="table__badges">
                <ExperimentBadge experiment={journey.experiment} />
              </div>
            )}
          </>
        )}
      </td>
      <td>
        <StatusBadge status={journey.status} />
      </td>
      <td className="muted">{journey.publishedVersion === null ? 'Not published' : `v${journey.publishedVersion}`}</td>
      {journey.publishedVersion === null ? (
        // Nobody can be in a journey that never went live: a dash reads truer than a row of zeros.
        <>
          <td className="num muted">—</td>
          <td className="num muted">—</td>
          <td className="num muted">—</td>
        </>
      ) : (
        <>
          <td className="num strong">{formatCount(journey.active)}</td>
          <td className="num">{formatCount(journey.entered)}</td>
          <td className="num">
            <span className="rate">
              <span className="rate__bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, journey.conversionRate * 100)}%` }} />
              </span>
              {formatRate(journey.conversionRate, journey.entered)}
            </span>
          </td>
        </>
      )}
      <td className="table__actions">
        <div className="row-actions">
          {canToggle && (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={busy}
              onClick={(e) => {
                e.stopPropagation();
                onAction('toggle');
              }}
            >
              {journey.status === 'paused' ? 'Resume' : 'Pause'}
            </button>
          )}
          <RowMenu
            label={`More actions for ${journey.name}`}
            items={[
              { label: 'Rename', onSelect: () => setRenaming(true) },
              { label: 'Duplicate', onSelect: () => onAction('duplicate') },
              archived ? { label: 'Unarchive', onSelect: () => onAction('unarchive') } : { label: 'Archive…', onSelect: () => onAction('archive'), danger: true },
            ]}
          />
        </div>
      </td>
    </tr>
  );
}

function RenameForm({ name, onSave, onCancel }: { name: string; onSave(name: string): Promise<void>; onCancel(): void }) {
  const [value, setValue] = useState(name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = nameProblem(value);
    if (problem) return setError(problem);
    if (value.trim() === name) return onCancel();
    setSaving(true);
    setError(null);
    try {
      await onSave(value.trim());
    } catch (failure) {
      setError((failure as Error).message);
      setSaving(false);
    }
  }

  return (
    <form className="rename" onSubmit={submit} onClick={(e) => e.stopPropagation()}>
      <div className="rename__line">
        <input
          className={`input input--small rename__input${error ? ' input--invalid' : ''}`}
          aria-label="Journey name"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rename-error' : undefined}
          value={value}
          autoFocus
          onFocus={(e) => e.target.select()}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && onCancel()}
          disabled={saving}
        />
        <button type="submit" className="btn btn--primary btn--small" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="field__error rename__error" id="rename-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
