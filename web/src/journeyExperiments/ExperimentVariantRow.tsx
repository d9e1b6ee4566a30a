import type { JourneySummary } from '@waymark/shared';
import { ArmSwatch } from '../experiments/AllocationBar.tsx';
import { FieldError } from '../inspector/Field.tsx';
import type { ExperimentForm } from './experimentForm.ts';

type Variant = ExperimentForm['variants'][number];

export interface ExperimentVariantRowProps {
  index: number;
  variant: Variant;
  /** Journeys that can be tested; those another row has chosen are offered but disabled. */
  journeys: readonly JourneySummary[];
  takenElsewhere: ReadonlySet<string>;
  /** Its share of the experiment's users, as text ("50%"). */
  share: string;
  errors: { journeyId?: string; weight?: string };
  canRemove: boolean;
  disabled: boolean;
  onChange(variant: Variant): void;
  onRemove(): void;
}

/** One variant of a new experiment: its id (given), the journey its users enter, and its weight. */
export function ExperimentVariantRow({ index, variant, journeys, takenElsewhere, share, errors, canRemove, disabled, onChange, onRemove }: ExperimentVariantRowProps) {
  const problems = [errors.journeyId, errors.weight].filter((m): m is string => m !== undefined);
  return (
    <div className={`xform__row${problems.length ? ' is-invalid' : ''}`} role="group" aria-label={`Variant ${variant.id}`} data-testid={`experiment-variant-row-${index}`}>
      <span className="xform__id">
        <ArmSwatch arm={variant.id} variantIndex={index} />
        {variant.id}
      </span>
      <select
        className={`input select${errors.journeyId ? ' input--invalid' : ''}`}
        aria-label={`Journey for variant ${variant.id}`}
        aria-invalid={errors.journeyId ? true : undefined}
        value={variant.journeyId}
        disabled={disabled}
        onChange={(e) => onChange({ ...variant, journeyId: e.target.value })}
      >
        <option value="">Choose a published journey…</option>
        {journeys.map((j) => (
          <option key={j.id} value={j.id} disabled={takenElsewhere.has(j.id)}>
            {j.name}
          </option>
        ))}
      </select>
      <input
        className={`input xform__weight${errors.weight ? ' input--invalid' : ''}`}
        aria-label={`Weight of variant ${variant.id}`}
        aria-invalid={errors.weight ? true : undefined}
        inputMode="decimal"
        autoComplete="off"
        placeholder="50"
        value={variant.weight}
        disabled={disabled}
        onChange={(e) => onChange({ ...variant, weight: e.target.value })}
      />
      <span className="xform__share">{share}</span>
      <button
        type="button"
        className="btn btn--ghost btn--icon btn--small"
        aria-label={`Remove variant ${variant.id}`}
        title={canRemove ? 'Remove this variant' : 'An experiment needs two variants, or one and a holdout'}
        disabled={!canRemove || disabled}
        onClick={onRemove}
      >
        ×
      </button>
      {problems.length > 0 && (
        <div className="xform__errors">
          {problems.map((message) => (
            <FieldError key={message} message={message} />
          ))}
        </div>
      )}
    </div>
  );
}
