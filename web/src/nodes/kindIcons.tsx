import type { NodeType } from '@waymark/shared';
import type { ReactElement } from 'react';

const svg = (children: ReactElement | ReactElement[]) => (
  <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
);

/** One icon per node kind, shared by the canvas and (next) the palette. */
export const kindIcons = {
  trigger: () => svg(<path d="M9 1.5L3 9h4.5L7 14.5 13 7H8.5L9 1.5z" />),
  wait: () => svg([<circle key="c" cx="8" cy="8" r="6" />, <path key="h" d="M8 4.5V8l2.5 1.5" />]),
  branch: () => svg([<circle key="a" cx="4" cy="3.5" r="1.5" />, <circle key="b" cx="12" cy="4.5" r="1.5" />, <circle key="c" cx="4" cy="12.5" r="1.5" />, <path key="p" d="M4 5v6M12 6c0 3-4 2.5-7.2 5.3" />]),
  split: () => svg([<circle key="a" cx="3.5" cy="8" r="1.5" />, <path key="p" d="M5 8h3m0 0l4-4.5M8 8l4 4.5" />, <circle key="b" cx="13" cy="3" r="1.2" />, <circle key="c" cx="13" cy="13" r="1.2" />]),
  offer: () =>
    svg([<rect key="r" x="2" y="6" width="12" height="8" rx="1" />, <path key="p" d="M1.5 6h13v-2.5h-13zM8 3.5V14M8 3.5C7 1.5 4.5 1.5 4.5 3c0 .5.5.5 3.5.5M8 3.5c1-2 3.5-2 3.5-.5 0 .5-.5.5-3.5.5" />]),
  tag: () => svg([<path key="p" d="M1.5 8.6V2.5a1 1 0 011-1h6.1l6 6a1 1 0 010 1.4l-5.2 5.2a1 1 0 01-1.4 0z" />, <circle key="c" cx="5" cy="5" r="1" />]),
  goal: () => svg(<path d="M3 14.5V2m0 .5h8.5l-2 3 2 3H3" />),
  exit: () => svg(<path d="M6 2.5H3.5a1 1 0 00-1 1v9a1 1 0 001 1H6M10.5 11L13.5 8l-3-3M13.5 8H6" />),
} satisfies Record<NodeType, () => ReactElement>;
