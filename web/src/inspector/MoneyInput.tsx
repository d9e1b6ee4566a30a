import { formatMoney } from '../app/format.ts';
import { Field } from './Field.tsx';
import { formatMoneyInput, parseMoney } from './moneyValue.ts';
import { useTextBuffer } from './useTextBuffer.ts';

export interface MoneyInputProps {
  label: string;
  value: unknown;
  onChange(value: number | string | undefined): void;
  error?: string;
}

/** A cost in dollars, kept as typed ("2.") while it still reads as the stored number. */
export function MoneyInput({ label, value, onChange, error }: MoneyInputProps) {
  const [text, setText] = useTextBuffer<unknown>(value, formatMoneyInput, parseMoney);
  const hint =
    typeof value === 'number' && !error
      ? `${formatMoney(value)} each time this offer is sent, counted in the journey's offer spend.`
      : "What one send costs you, counted in the journey's offer spend.";
  return (
    <Field label={label} hint={hint} error={error} optional>
      {(control) => (
        <div className="money">
          <span className="money__symbol" aria-hidden="true">
            $
          </span>
          <input
            {...control}
            className={`input money__input${error ? ' input--invalid' : ''}`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            value={text}
            onChange={(e) => onChange(setText(e.target.value) as number | string | undefined)}
          />
        </div>
      )}
    </Field>
  );
}
