import { useState, type KeyboardEvent } from 'react';
import { Field } from './Field.tsx';

export interface TagListInputProps {
  label: string;
  tags: string[];
  onChange(tags: string[]): void;
  error?: string;
  hint?: string;
}

/** Splits typed text into tags: commas separate, blanks and repeats are dropped. */
export function addTags(tags: readonly string[], text: string): string[] {
  const next = [...tags];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag && !next.includes(tag)) next.push(tag);
  }
  return next;
}

/** Tags as chips: type one and press Enter (or a comma); Backspace in the empty box takes the last one back. */
export function TagListInput({ label, tags, onChange, error, hint }: TagListInputProps) {
  const [draft, setDraft] = useState('');

  const commit = (text: string) => {
    const next = addTags(tags, text);
    if (next.length !== tags.length) onChange(next);
    setDraft('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit(draft);
    } else if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
      e.preventDefault();
      setDraft(tags.at(-1) ?? '');
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <Field label={label} hint={hint ?? 'Type a tag and press Enter.'} error={error}>
      {(control) => (
        <div className={`chips-input${error ? ' is-invalid' : ''}`}>
          {tags.map((tag) => (
            <span key={tag} className="chip">
              <span className="chip__text">{tag}</span>
              <button type="button" className="chip__remove" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
                ×
              </button>
            </span>
          ))}
          <input
            {...control}
            className="chips-input__input"
            value={draft}
            placeholder={tags.length === 0 ? 'vip' : ''}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => (e.target.value.includes(',') ? commit(e.target.value) : setDraft(e.target.value))}
            onKeyDown={onKeyDown}
            onBlur={() => draft.trim() && commit(draft)}
          />
        </div>
      )}
    </Field>
  );
}
