import { conditionOps, type ConditionOp } from '@waymark/shared';
import { changeOp, formatConditionValue, OP_LABELS, parseConditionValue } from './conditionValue.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { FieldError } from './Field.tsx';
import { objectOf, withKey, type NodeData } from './formData.ts';
import { useTextBuffer } from './useTextBuffer.ts';

export interface WhereEditorProps {
  /** What the filters apply to, for the heading: "the event's properties". */
  subject: string;
  value: unknown;
  /** The new list, or undefined once the last filter is removed. */
  onChange(where: NodeData[] | undefined): void;
  /** Problems by path inside the list (`0.value`), plus `''` for the list itself. */
  errors: FieldErrors;
}

/** "Only when" filters: property, operator and value rows that must all hold. */
export function WhereEditor({ subject, value, onChange, errors }: WhereEditorProps) {
  const rows = Array.isArray(value) ? value.map(objectOf) : [];
  const update = (i: number, row: NodeData) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const remove = (i: number) => {
    const next = rows.filter((_, j) => j !== i);
    onChange(next.length === 0 ? undefined : next);
  };

  return (
    <div className="where" role="group" aria-label="Filters">
      <div className="field__label">Only when</div>
      {rows.length === 0 ? (
        <p className="field__hint">No filters: every one counts. Add one to check {subject}.</p>
      ) : (
        <p className="field__hint">All of these must hold for {subject}.</p>
      )}
      {rows.map((row, i) => (
        <div key={i}>
          {i > 0 && (
            <div className="where__and" aria-hidden="true">
              and
            </div>
          )}
          <ConditionRow index={i} row={row} errors={errors} onChange={(next) => update(i, next)} onRemove={() => remove(i)} />
        </div>
      ))}
      {errors[''] && <FieldError message={errors['']} />}
      <button type="button" className="btn btn--ghost btn--small where__add" onClick={() => onChange([...rows, { property: '', op: 'eq' }])}>
        <span aria-hidden="true">+</span> Add a filter
      </button>
    </div>
  );
}

interface ConditionRowProps {
  index: number;
  row: NodeData;
  errors: FieldErrors;
  onChange(row: NodeData): void;
  onRemove(): void;
}

function ConditionRow({ index, row, errors, onChange, onRemove }: ConditionRowProps) {
  const n = index + 1;
  const op = (conditionOps as readonly string[]).includes(row.op as string) ? (row.op as ConditionOp) : 'eq';
  const [text, setText] = useTextBuffer<unknown>(row.value, formatConditionValue, (t) => parseConditionValue(op, t));
  const problems = [errors[`${index}.property`], errors[`${index}.op`], errors[`${index}.value`], errors[`${index}`]].filter(
    (m): m is string => m !== undefined,
  );
  const invalid = (key: string) => (errors[`${index}.${key}`] ? ' input--invalid' : '');

  return (
    <div className={`condition${problems.length ? ' is-invalid' : ''}`} role="group" aria-label={`Filter ${n}`}>
      <div className="condition__line">
        <input
          className={`input input--mono condition__property${invalid('property')}`}
          aria-label={`Filter ${n} property`}
          placeholder="property, such as plan"
          autoComplete="off"
          spellCheck={false}
          value={typeof row.property === 'string' ? row.property : ''}
          onChange={(e) => onChange({ ...row, property: e.target.value })}
        />
        <button type="button" className="btn btn--ghost btn--icon btn--small condition__remove" aria-label={`Remove filter ${n}`} title="Remove this filter" onClick={onRemove}>
          ×
        </button>
      </div>
      <div className="condition__line">
        <select
          className={`input select condition__op${invalid('op')}`}
          aria-label={`Filter ${n} operator`}
          value={op}
          onChange={(e) => onChange(changeOp(row, e.target.value as ConditionOp))}
        >
          {conditionOps.map((o) => (
            <option key={o} value={o}>
              {OP_LABELS[o]}
            </option>
          ))}
        </select>
        {op !== 'exists' && (
          <input
            className={`input condition__value${invalid('value')}`}
            aria-label={`Filter ${n} value`}
            placeholder={op === 'in' ? 'pro, team' : op === 'eq' || op === 'neq' ? 'pro' : '100'}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => onChange(withKey(row, 'value', setText(e.target.value)))}
          />
        )}
      </div>
      {problems.map((message) => (
        <FieldError key={message} message={message} />
      ))}
    </div>
  );
}
