import type { ReactNode } from 'react';
import { joinDuration, splitDuration, unitChoices, unitWord, type DurationUnit } from './durationParts.ts';
import { Field } from './Field.tsx';

export interface DurationPickerProps {
  label: string;
  value: string | undefined;
  onChange(duration: string): void;
  error?: string;
  hint?: ReactNode;
}

/**
 * A number and a unit ("3 [days]") for a duration the document stores as "3d". The number is kept as typed,
 * so a cleared or half-typed amount shows as a problem instead of jumping back.
 */
export function DurationPicker({ label, value, onChange, error, hint }: DurationPickerProps) {
  const parts = splitDuration(value);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="duration">
          <input
            {...control}
            className={`input duration__amount${error ? ' input--invalid' : ''}`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="3"
            value={parts.amount}
            onChange={(e) => onChange(joinDuration({ amount: e.target.value, unit: parts.unit }))}
          />
          <select
            className="input select duration__unit"
            aria-label={`${label} unit`}
            value={parts.unit}
            onChange={(e) => onChange(joinDuration({ amount: parts.amount, unit: e.target.value as DurationUnit }))}
          >
            {unitChoices(parts.unit).map((unit) => (
              <option key={unit} value={unit}>
                {unitWord(unit, parts.amount)}
              </option>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}
