import { useState } from 'react';

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

/**
 * The text of an input whose value is stored parsed (a number, a list): it keeps exactly what was typed ("2.",
 * "pro,") while that still reads as the stored value, and shows the stored value afresh when it changes for
 * another reason (undo, another row removed). Returns the text and a setter that answers the parsed value.
 */
export function useTextBuffer<T>(value: T, format: (value: T) => string, parse: (text: string) => T): [string, (text: string) => T] {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    // Adjusting state while rendering (React's "storing information from previous renders"): no extra pass.
    setSeen(value);
    if (!same(parse(text), value)) setText(format(value));
  }
  return [
    text,
    (next) => {
      setText(next);
      return parse(next);
    },
  ];
}
