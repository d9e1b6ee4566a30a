import type { JourneySummary } from '@waymark/shared';
import { useMemo, useState } from 'react';
import { createExperiment } from '../api/client.ts';
import { Dialog } from '../app/Dialog.tsx';
import { AllocationBar } from '../experiments/AllocationBar.tsx';
import { formatShare, splitShares } from '../experiments/splitAllocation.ts';
import { Field, FieldError } from '../inspector/Field.tsx';
import { addVariant, eligibleJourneys, formProblems, initialForm, removeVariant, serverProblems, toInput, type ExperimentForm, type FormProblems } from './experimentForm.ts';
import { ExperimentVariantRow } from './ExperimentVariantRow.tsx';

export interface NewExperimentDialogProps {
  /** Every journey; the ones that can be tested are offered. */
  journeys: readonly JourneySummary[];
  onClose(): void;
  onCreated(id: string): void;
}

/**
 * Starts a journey experiment: two or more published journeys share one trigger's traffic by weight, with an
 * optional holdout. Checked with the server's own schema once the marketer first tries to start it, then as
 * they type; the server's refusals (a journey on another trigger, already in an experiment…) land on the field
 * they name.
 */
export function NewExperimentDialog({ journeys, onClose, onCreated }: NewExperimentDialogProps) {
  const [form, setForm] = useState<ExperimentForm>(() => initialForm(journeys));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<FormProblems>({});
  const eligible = useMemo(() => eligibleJourneys(journeys), [journeys]);
  const problems = formProblems(form);
  const shown = (field: string): string | undefined => refused[field] ?? (tried ? problems[field] : undefined);
  const shares = splitShares({ variants: form.variants.map((v) => ({ id: v.id, weight: Number(v.weight) })), holdout: Number(form.holdout) });
  const shareOf = (index: number) => formatShare(shares.find((arm) => arm.variantIndex === index)?.share ?? 0);
  const holdout = Number(form.holdout);

  const update = (next: ExperimentForm) => {
    setForm(next);
    setRefused({});
  };
  const submit = async () => {
    setTried(true);
    setRefused({});
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const created = await createExperiment(toInput(form));
      onCreated(created.id);
    } catch (error) {
      setRefused(serverProblems(error, form));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title="New experiment"
      onClose={() => !busy && onClose()}
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="new-experiment-form" className="btn btn--primary" disabled={busy || eligible.length === 0} data-testid="experiment-start">
            {busy ? 'Starting…' : 'Start experiment'}
          </button>
        </>
      }
    >
      <form
        id="new-experiment-form"
        className="xform"
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="xform__lead">
          Each user who triggers the experiment is assigned once, by a sticky hash, and enters only their variant&apos;s journey. Variants must
          start on the same trigger and count the same goal within the same attribution window, so every arm measures the same thing.
        </p>

        <Field label="Name" error={shown('name')}>
          {(control) => <input {...control} className={`input${shown('name') ? ' input--invalid' : ''}`} autoComplete="off" value={form.name} disabled={busy} onChange={(e) => update({ ...form, name: e.target.value })} />}
        </Field>

        <fieldset className="xform__variants">
          <legend className="field__label">Variants</legend>
          <p className="field__hint">
            The first is the control unless there is a holdout. Users share the variants in proportion to their weights: 50 and 50, or 1 and 1,
            split them evenly.
          </p>
          {form.variants.map((variant, index) => (
            <ExperimentVariantRow
              key={variant.id}
              index={index}
              variant={variant}
              journeys={eligible}
              takenElsewhere={new Set(form.variants.filter((_, i) => i !== index).map((v) => v.journeyId))}
              share={shareOf(index)}
              errors={{ journeyId: shown(`variants.${index}.journeyId`), weight: shown(`variants.${index}.weight`) }}
              canRemove={form.variants.length > 2 || (form.variants.length > 1 && holdout > 0)}
              disabled={busy}
              onChange={(next) => update({ ...form, variants: form.variants.map((v, i) => (i === index ? next : v)) })}
              onRemove={() => update(removeVariant(form, index))}
            />
          ))}
          {shown('variants') && <FieldError message={shown('variants')!} />}
          <div className="xform__add">
            <button type="button" className="btn btn--ghost btn--small" disabled={busy} onClick={() => update(addVariant(form, journeys))}>
              <span aria-hidden="true">+</span> Add a variant
            </button>
            <AllocationBar shares={shares} />
          </div>
        </fieldset>

        <Field
          label="Holdout"
          optional
          error={shown('holdout')}
          hint="A percentage of users who enter none of the journeys, as the control group: their conversions show what happens without any variant."
        >
          {(control) => (
            <div className="percent">
              <input
                {...control}
                className={`input percent__input xform__holdout${shown('holdout') ? ' input--invalid' : ''}`}
                inputMode="decimal"
                autoComplete="off"
                value={form.holdout}
                disabled={busy}
                onChange={(e) => update({ ...form, holdout: e.target.value })}
              />
              <span className="percent__symbol" aria-hidden="true">
                %
              </span>
            </div>
          )}
        </Field>

        {eligible.length < 2 && (
          <p className="panel-note" data-testid="experiment-few-journeys">
            {eligible.length === 0 ? 'No journey can be tested right now.' : 'Only one journey can be tested right now.'} Duplicate a journey, change
            the copy, and publish both: published, live journeys that are in no other experiment appear here.
          </p>
        )}
        {shown('form') && (
          <p className="dialog__error" role="alert" data-testid="experiment-form-error">
            {shown('form')}
          </p>
        )}
      </form>
    </Dialog>
  );
}
