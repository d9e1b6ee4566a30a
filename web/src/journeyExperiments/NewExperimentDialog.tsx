import type { JourneySummary } from '@waymark/shared';
import { useState } from 'react';
import { createExperiment } from '../api/client.ts';
import { Dialog } from '../app/Dialog.tsx';
import { errorMessage } from '../app/errorMessage.ts';
import { eligibleJourneys, formProblems, initialForm, nextVariantId, serverProblem, toInput, type ExperimentForm } from './experimentForm.ts';

/**
 * Starts a journey experiment: two or more published journeys share one trigger's traffic by weight, with an
 * optional holdout. Checked as the marketer types (the server's own schema), and the server's refusals (a
 * journey on another trigger, already in an experiment…) land on the field they name.
 */
export function NewExperimentDialog({ open, journeys, onClose, onCreated }: { open: boolean; journeys: JourneySummary[]; onClose(): void; onCreated(id: string): void }) {
  const [form, setForm] = useState<ExperimentForm>(() => initialForm(journeys));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<{ field: string; message: string } | null>(null);
  const eligible = eligibleJourneys(journeys);
  const problems = formProblems(form);
  const shown = (field: string) => (server?.field === field ? server.message : touched ? problems[field] : undefined);

  const update = (next: ExperimentForm) => {
    setForm(next);
    setServer(null);
  };
  const submit = async () => {
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const created = await createExperiment(toInput(form));
      onCreated(created.id);
    } catch (error) {
      setServer(serverProblem(errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title="New experiment"
      onClose={() => !busy && onClose()}
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={busy || eligible.length < 1}>
            {busy ? 'Starting…' : 'Start experiment'}
          </button>
        </>
      }
    >
      <form className="xform" onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
        <p className="xform__lead">
          Each user is assigned once, by a sticky hash, and enters only their variant&apos;s journey. Variants must start on the same trigger and
          share the goal and attribution window, so every arm measures the same thing.
        </p>
        <label className="field">
          <span className="field__label">Name</span>
          <input className="input" value={form.name} onChange={(e) => update({ ...form, name: e.target.value })} aria-invalid={shown('name') ? true : undefined} />
          {shown('name') && <span className="field__error">{shown('name')}</span>}
        </label>

        <fieldset className="xform__variants">
          <legend className="field__label">Variants (the first is the control unless there is a holdout)</legend>
          {form.variants.map((variant, i) => (
            <div className="xform__row" key={variant.id} data-testid={`variant-${variant.id}`}>
              <span className="xform__id">{variant.id}</span>
              <label className="field xform__journey">
                <span className="visually-hidden">Journey for variant {variant.id}</span>
                <select
                  className="input"
                  aria-label={`Journey for variant ${variant.id}`}
                  value={variant.journeyId}
                  onChange={(e) => update({ ...form, variants: form.variants.map((v, j) => (j === i ? { ...v, journeyId: e.target.value } : v)) })}
                  aria-invalid={shown(`variants.${i}.journeyId`) ? true : undefined}
                >
                  <option value="">Choose a published journey…</option>
                  {eligible.map((j) => (
                    <option key={j.id} value={j.id}>
                      {j.name}
                    </option>
                  ))}
                </select>
                {shown(`variants.${i}.journeyId`) && <span className="field__error">{shown(`variants.${i}.journeyId`)}</span>}
              </label>
              <label className="field xform__weight">
                <span className="visually-hidden">Weight of variant {variant.id}</span>
                <input
                  className="input"
                  inputMode="numeric"
                  aria-label={`Weight of variant ${variant.id}`}
                  value={variant.weight}
                  onChange={(e) => update({ ...form, variants: form.variants.map((v, j) => (j === i ? { ...v, weight: e.target.value } : v)) })}
                  aria-invalid={shown(`variants.${i}.weight`) ? true : undefined}
                />
                {shown(`variants.${i}.weight`) && <span className="field__error">{shown(`variants.${i}.weight`)}</span>}
              </label>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-label={`Remove variant ${variant.id}`}
                disabled={form.variants.length <= 1}
                onClick={() => update({ ...form, variants: form.variants.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </div>
          ))}
          {shown('variants') && <span className="field__error">{shown('variants')}</span>}
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => update({ ...form, variants: [...form.variants, { id: nextVariantId(form.variants.map((v) => v.id)), journeyId: '', weight: '50' }] })}
          >
            Add variant
          </button>
        </fieldset>

        <label className="field xform__holdout">
          <span className="field__label">Holdout (% of users who get none of the variants, measured as the control)</span>
          <input className="input" inputMode="numeric" value={form.holdout} onChange={(e) => update({ ...form, holdout: e.target.value })} aria-invalid={shown('holdout') ? true : undefined} />
          {shown('holdout') && <span className="field__error">{shown('holdout')}</span>}
        </label>

        {eligible.length < 2 && (
          <p className="panel-note">
            Only {eligible.length} journey can be tested right now. Duplicate a journey, change the copy, and publish both: published, running
            journeys appear here.
          </p>
        )}
        {server?.field === 'form' && (
          <p className="field__error" role="alert">
            {server.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
