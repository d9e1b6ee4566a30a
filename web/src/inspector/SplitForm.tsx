import { HOLDOUT_ARM, splitConfigSchema, weightChangeProblems } from '@waymark/shared';
import { useId, useMemo } from 'react';
import { formatCount } from '../app/format.ts';
import { AllocationBar, ArmSwatch } from '../experiments/AllocationBar.tsx';
import { useExperiment } from '../experiments/ExperimentContext.ts';
import { formatShare, nextVariantId, splitShares } from '../experiments/splitAllocation.ts';
import { Field, FieldError } from './Field.tsx';
import { objectOf, textOf, withKey, type InspectorFormProps, type NodeData } from './formData.ts';
// Weights and the holdout read like a cost: a non-negative decimal, anything else kept as typed for the schema to name.
import { formatMoneyInput as formatNumberInput, parseMoney as parseNumber } from './moneyValue.ts';
import { useTextBuffer } from './useTextBuffer.ts';

/**
 * Variants with weights, and an optional holdout. While the split is live, the draft is checked against the
 * published split with the same rule the server applies at publish (`weightChangeProblems`), so a change that
 * would move users already assigned is named here, before Publish refuses it.
 */
export function SplitForm({ nodeId, data, errors, onChange }: InspectorFormProps) {
  const rows = Array.isArray(data.variants) ? data.variants.map(objectOf) : [];
  const shares = useMemo(() => splitShares(data), [data]);
  const experiment = useExperiment();
  const live = experiment.node === nodeId && experiment.config !== null ? experiment.config : null;
  const report = experiment.report?.node === nodeId ? experiment.report : null;

  const refused = useMemo(() => {
    if (!live) return [];
    const draft = splitConfigSchema.safeParse(data);
    if (!draft.success) return [];
    const assigned = report ? Object.fromEntries(report.arms.filter((a) => a.id !== HOLDOUT_ARM).map((a) => [a.id, a.entered])) : undefined;
    return weightChangeProblems(live, draft.data, assigned);
  }, [live, data, report]);

  const setRows = (next: NodeData[]) => onChange({ ...data, variants: next });
  const variantsLabel = useId();
  const totalAssigned = report?.arms.reduce((sum, arm) => sum + arm.entered, 0);

  return (
    <>
      <div className="split-form__variants" role="group" aria-labelledby={variantsLabel}>
        <div className="field__label" id={variantsLabel}>
          Variants
        </div>
        <div className="split-row split-row--head" aria-hidden="true">
          <span />
          <span>Id</span>
          <span>Weight</span>
          <span className="split-row__share">Share</span>
          <span />
        </div>
        {rows.map((row, index) => {
          const share = shares.find((arm) => arm.variantIndex === index)?.share ?? 0;
          return (
            <VariantRow
              key={index}
              index={index}
              row={row}
              share={share}
              errors={errors}
              canRemove={rows.length > 1}
              onChange={(next) => setRows(rows.map((r, i) => (i === index ? next : r)))}
              onRemove={() => setRows(rows.filter((_, i) => i !== index))}
            />
          );
        })}
        {errors.variants && <FieldError message={errors.variants} />}
        <button
          type="button"
          className="btn btn--ghost btn--small split-form__add"
          data-testid="split-add-variant"
          onClick={() => setRows([...rows, { id: nextVariantId(rows.map((r) => textOf(r.id))), weight: 50 }])}
        >
          <span aria-hidden="true">+</span> Add a variant
        </button>
        <p className="field__hint">Users share the variants in proportion to their weights: 50 and 50, or 1 and 1, split them evenly.</p>
      </div>

      <HoldoutField value={data.holdout} error={errors.holdout} onChange={(holdout) => onChange(withKey(data, 'holdout', holdout))} />

      <div className="split-form__alloc">
        <AllocationBar shares={shares} className="alloc-bar--large" />
        <ul className="split-form__legend">
          {shares.map((arm, i) => (
            <li key={`${arm.id}-${i}`}>
              <ArmSwatch arm={arm.id} variantIndex={arm.variantIndex} />
              {arm.variantIndex === null ? 'Holdout' : arm.id || '?'} {arm.share === 0 && arm.variantIndex !== null ? 'paused' : formatShare(arm.share)}
            </li>
          ))}
        </ul>
      </div>

      {refused.length > 0 && (
        <section className="split-form__refused" role="alert" data-testid="split-refused">
          <h3 className="insp-section__title">Publishing this would be refused</h3>
          <ul>
            {refused.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </section>
      )}

      <aside className="split-form__note" data-testid="split-note">
        <h3 className="insp-section__title">How assignment works</h3>
        {live && (
          <p className="split-form__live">
            This split is live{totalAssigned !== undefined ? `: ${formatCount(totalAssigned)} users assigned so far` : ''}.
          </p>
        )}
        <p>
          Each user is assigned an arm the first time they reach the split and keeps it for good, even if they enter the journey again or the
          weights change later.
        </p>
        <p>
          So a running experiment can only change in ways that keep past assignments valid. New weights apply to users not yet assigned, a weight
          of 0 pauses a variant (no new users; the ones it has carry on), and variants can be added. Removing or renaming a variant, or changing
          the holdout, is refused at publish.
        </p>
      </aside>
    </>
  );
}

interface VariantRowProps {
  index: number;
  row: NodeData;
  share: number;
  errors: Record<string, string>;
  canRemove: boolean;
  onChange(row: NodeData): void;
  onRemove(): void;
}

function VariantRow({ index, row, share, errors, canRemove, onChange, onRemove }: VariantRowProps) {
  const n = index + 1;
  const id = textOf(row.id);
  const [weight, setWeight] = useTextBuffer<unknown>(row.weight, formatNumberInput, parseNumber);
  const idError = errors[`variants.${index}.id`];
  const weightError = errors[`variants.${index}.weight`];
  const rowError = errors[`variants.${index}`];
  const problems = [idError, weightError, rowError].filter((m): m is string => m !== undefined);

  return (
    <div className={`split-row${problems.length ? ' is-invalid' : ''}`} role="group" aria-label={`Variant ${n}`}>
      <ArmSwatch arm={id} variantIndex={index} />
      <input
        className={`input input--mono input--small${idError ? ' input--invalid' : ''}`}
        aria-label={`Variant ${n} id`}
        aria-invalid={idError ? true : undefined}
        data-testid={`split-variant-id-${index}`}
        placeholder="A"
        autoComplete="off"
        spellCheck={false}
        value={id}
        onChange={(e) => onChange({ ...row, id: e.target.value })}
      />
      <input
        className={`input input--small split-row__weight${weightError ? ' input--invalid' : ''}`}
        aria-label={`Variant ${n} weight`}
        aria-invalid={weightError ? true : undefined}
        data-testid={`split-variant-weight-${index}`}
        inputMode="decimal"
        placeholder="50"
        autoComplete="off"
        value={weight}
        onChange={(e) => onChange(withKey(row, 'weight', setWeight(e.target.value)))}
      />
      <span className="split-row__share">{share === 0 ? 'paused' : formatShare(share)}</span>
      <button
        type="button"
        className="btn btn--ghost btn--icon btn--small split-row__remove"
        aria-label={`Remove variant ${id || n}`}
        title={canRemove ? 'Remove this variant' : 'A split needs at least one variant'}
        data-testid={`split-variant-remove-${index}`}
        disabled={!canRemove}
        onClick={onRemove}
      >
        ×
      </button>
      {problems.length > 0 && (
        <div className="split-row__errors">
          {problems.map((message) => (
            <FieldError key={message} message={message} />
          ))}
        </div>
      )}
    </div>
  );
}

function HoldoutField({ value, error, onChange }: { value: unknown; error?: string; onChange(value: number | string | undefined): void }) {
  const [text, setText] = useTextBuffer<unknown>(value, formatNumberInput, parseNumber);
  const hint =
    typeof value === 'number' && value > 0 && !error
      ? `${formatShare(value / 100)} of users get nothing from here and are the control group; their conversions show what happens without any variant.`
      : 'A share of users who get nothing from here, as the control group. Without one, the first variant is the control.';
  return (
    <Field label="Holdout" hint={hint} error={error} optional>
      {(control) => (
        <div className="percent">
          <input
            {...control}
            className={`input percent__input${error ? ' input--invalid' : ''}`}
            data-testid="split-holdout"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0"
            value={text}
            onChange={(e) => onChange(setText(e.target.value) as number | string | undefined)}
          />
          <span className="percent__symbol" aria-hidden="true">
            %
          </span>
        </div>
      )}
    </Field>
  );
}
