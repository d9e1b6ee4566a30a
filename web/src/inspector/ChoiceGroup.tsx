import { useId, type ReactElement } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
  icon?: ReactElement;
}

export interface ChoiceGroupProps<T extends string> {
  legend: string;
  value: T | undefined;
  choices: readonly Choice<T>[];
  onChange(value: T): void;
  /** Cards stack a title and a hint; segments sit side by side for short, well-known choices. */
  variant?: 'cards' | 'segments';
}

/**
 * A set of radio buttons (arrow keys move between them) drawn as cards or a segmented control. Each radio is
 * named by its label alone; the hint describes it, so `getByRole('radio', { name })` stays exact.
 */
export function ChoiceGroup<T extends string>({ legend, value, choices, onChange, variant = 'cards' }: ChoiceGroupProps<T>) {
  const name = useId();
  return (
    <fieldset className={`choice choice--${variant}`}>
      <legend className="field__label">{legend}</legend>
      <div className="choice__options">
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          const showHint = choice.hint && variant === 'cards';
          return (
            <div key={choice.value} className={`choice__option${choice.value === value ? ' is-checked' : ''}`}>
              <input
                type="radio"
                id={id}
                className="choice__radio"
                name={name}
                value={choice.value}
                checked={choice.value === value}
                aria-describedby={showHint ? `${id}-hint` : undefined}
                onChange={() => onChange(choice.value)}
              />
              {choice.icon && (
                <span className="choice__icon" aria-hidden="true">
                  {choice.icon}
                </span>
              )}
              <span className="choice__text">
                <label className="choice__label" htmlFor={id}>
                  {choice.label}
                </label>
                {showHint && (
                  <span className="choice__hint" id={`${id}-hint`}>
                    {choice.hint}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
