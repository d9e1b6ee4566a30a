import { describe, expect, it } from 'vitest';
import { renderTemplate, templateProblem, type TemplateScope } from './renderTemplate.ts';

const scope: TemplateScope = {
  user: { id: 'u1', traits: { name: 'Ann' }, tags: ['vip'] },
  traits: { name: 'Ann', note: '<script>x</script>' },
  tags: ['vip'],
  event: { name: 'purchase', properties: { amount: 42 } },
  offer: { code: 'WINBACK20' },
  journey: { id: 'j1', name: 'Win back' },
};

describe('renderTemplate', () => {
  it('renders traits, tags, the trigger event and the offer code', () => {
    expect(renderTemplate('{{ traits.name }} {{ tags | join: "," }} {{ event.properties.amount }} {{ offer.code }}', scope)).toBe('Ann vip 42 WINBACK20');
  });
  it('escapes HTML in every output for email', () => {
    expect(renderTemplate('{{ traits.note }}', scope, true)).toBe('&lt;script&gt;x&lt;/script&gt;');
    expect(renderTemplate('{{ traits.note }}', scope, false)).toBe('<script>x</script>');
  });
  it('cannot reach prototypes or constructors', () => {
    expect(renderTemplate('{{ traits.constructor }}|{{ traits.__proto__ }}|{{ tags.constructor.name }}', scope)).toBe('||');
  });
  it('refuses unknown filters instead of ignoring them', () => {
    expect(() => renderTemplate('{{ traits.name | shout }}', scope)).toThrow(/shout/);
  });
  it.each([
    ["{% include 'package.json' %}", 'include'],
    ["{% render 'package.json' %}", 'render'],
    ["{% layout 'package.json' %}x", 'layout'],
    ["{% liquid\n  include 'package.json'\n%}", 'include'],
  ])('reads no file from the server: %s', (template, tag) => {
    // liquidjs resolves these against the working directory by default, where package.json is.
    for (const escape of [false, true]) expect(() => renderTemplate(template, scope, escape)).toThrow(`{% ${tag} %} is not available`);
    expect(templateProblem(template)).toMatch(`{% ${tag} %} is not available`);
  });
  it('stops a template that tries to render forever', () => {
    expect(() => renderTemplate('{% for i in (1..100000000) %}{{ i }}{% endfor %}', scope)).toThrow();
  });
});

describe('templateProblem', () => {
  it('names what is wrong with a template that does not parse', () => {
    expect(templateProblem('{% if %}')).toBeTruthy();
    expect(templateProblem('Hello {{ traits.name }}')).toBeUndefined();
  });
});
