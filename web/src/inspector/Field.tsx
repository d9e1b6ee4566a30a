import { useId, type ReactNode } from 'react';

/** What a field passes to its input so the label, hint and error are tied to it for screen readers. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children(control: ControlProps): ReactNode;
}

/** A labelled input with its hint and its problem shown right under it. */
export function Field({ label, hint, error, optional, children }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field insp-field${error ? ' is-invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional && <span className="insp-field__optional"> (optional)</span>}
      </label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error && <FieldError id={`${id}-error`} message={error} />}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message: string }) {
  return (
    <p className="field__error insp-error" id={id}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <circle cx="7" cy="7" r="6.2" fill="currentColor" />
        <path d="M7 3.8v3.8M7 9.9v.1" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <span>{message}</span>
    </p>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(text: string): void;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  optional?: boolean;
  /** Event names, codes and URLs read better, and are copied more faithfully, in monospace. */
  mono?: boolean;
  type?: 'text' | 'url' | 'email';
}

export function TextField({ label, value, onChange, error, hint, placeholder, optional, mono, type = 'text' }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(control) => (
        <input
          {...control}
          type={type}
          className={`input${mono ? ' input--mono' : ''}${error ? ' input--invalid' : ''}`}
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
