import { describe, expect, it } from 'vitest';
import { htmlToText } from './htmlToText.ts';

describe('htmlToText', () => {
  it('drops tags and decodes the entities Liquid escaping produced', () => {
    expect(htmlToText('<p>Hi <b>Ada</b>, use <code>WINBACK20</code> &amp; save 20&#37; &lt;today&gt;</p>')).toBe(
      'Hi Ada, use WINBACK20 & save 20% <today>',
    );
  });

  it('keeps paragraphs and line breaks as new lines', () => {
    expect(htmlToText('<p>Hello</p><p>Line one<br>Line two</p>')).toBe('Hello\nLine one\nLine two');
  });

  it('leaves out styles, scripts and comments', () => {
    expect(htmlToText('<style>p { color: red }</style><!-- tracking --><p>Only this</p><script>x()</script>')).toBe(
      'Only this',
    );
  });

  it('leaves unknown entities as written', () => {
    expect(htmlToText('5 &bogus; 6 &#x1F381;')).toBe('5 &bogus; 6 🎁');
  });
});
