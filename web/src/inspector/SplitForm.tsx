import { TextField } from './Field.tsx';
import type { InspectorFormProps } from './formData.ts';

interface VariantDraft {
  id: unknown;
  weight: unknown;
}

const asNumber = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
const nextId = (taken: string[]) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((letter) => !taken.includes(letter)) ?? `V${taken.length + 1}`;

/**
 * Variants with weights and an optional holdout. Assignment is sticky per user; a running experiment may only
 * change in ways that keep past assignments valid (publishing refuses the rest).
 */
export function SplitForm({ data, errors, onChange }: InspectorFormProps) {
  const variants = (Array.isArray(data.variants) ? data.variants : []) as VariantDraft[];
  const setVariants = (next: VariantDraft[]) => onChange({ ...data, variants: next });
  const holdout = data.holdout === undefined ? '' : String(data.holdout);
  return (
    <>
      {variants.map((variant, index) => (
        <div key={index} className="split-form__row">
          <TextField
            label={`Variant ${index + 1} id`}
            mono
            value={String(variant.id ?? '')}
            error={errors[`variants.${index}.id`]}
            onChange={(id) => setVariants(variants.map((v, i) => (i === index ? { ...v, id } : v)))}
          />
          <TextField
            label={`Variant ${index + 1} weight`}
            value={String(variant.weight ?? '')}
            error={errors[`variants.${index}.weight`]}
            onChange={(weight) => setVariants(variants.map((v, i) => (i === index ? { ...v, weight: asNumber(weight) } : v)))}
          />
          {variants.length > 1 && (
            <button type="button" className="btn btn--ghost" onClick={() => setVariants(variants.filter((_, i) => i !== index))}>
              Remove variant {index + 1}
            </button>
          )}
        </div>
      ))}
      {errors.variants && <p className="field__error">{errors.variants}</p>}
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => setVariants([...variants, { id: nextId(variants.map((v) => String(v.id))), weight: 50 }])}
      >
        Add a variant
      </button>
      <TextField
        label="Holdout %"
        optional
        value={holdout}
        error={errors.holdout}
        hint="Held-out users get nothing from here on; their conversions are the control."
        onChange={(text) => {
          const { holdout: _old, ...rest } = data;
          onChange(text.trim() === '' ? rest : { ...rest, holdout: asNumber(text) });
        }}
      />
      <p className="field__hint">
        Each user gets one arm, chosen by a hash of the experiment and the user, and keeps it on re-entry. Once live,
        weights may change (0 pauses a variant) but variants cannot be removed or renamed and the holdout cannot change:
        publishing refuses it, so nobody already assigned moves.
      </p>
    </>
  );
}
