import { describe, expect, it } from 'vitest';
import { minifyLitTemplates } from './minify-lit-templates.js';

describe('minifyLitTemplates', () => {
  it('drops whitespace between tags and collapses text runs, keeping expressions intact', () => {
    const source = "const t = html`\n  <div class=\"a\"\n    part=${p} >\n    <p>${a} ${b}</p>\n    ${cond ? html` <b> x </b> ` : nothing}\n  </div>\n`;";
    expect(minifyLitTemplates(source)).toBe('const t = html`<div class=a part=${p}><p>${a} ${b}</p>${cond ? html`<b> x </b>` : nothing}</div>`;');
    const attributes = 'html`<svg viewBox="0 0 24 24" aria-hidden="true" part="a b-${k}" data-x="${v}"></svg>`';
    expect(minifyLitTemplates(attributes)).toBe('html`<svg viewBox="0 0 24 24" aria-hidden=true part="a b-${k}" data-x="${v}"></svg>`');
  });

  it('minifies css and leaves other strings, templates and comments alone', () => {
    const source = [
      "const s = css`",
      '  /* note */',
      '  :host {',
      '    color: var(--x, red);',
      '  }',
      "  @media (prefers-color-scheme: dark) { .a :hover { margin: 0 1px; } }",
      "  [part='x'] { padding: 0.5rem 10.5px -0.25rem; }",
      '`;',
      "const plain = `keep   ${'this'}   }`; // html`  x  `",
      "const q = 'html`  y  `';",
    ].join('\n');
    expect(minifyLitTemplates(source)).toBe(
      [
        'const s = css`:host{color:var(--x,red)}@media (prefers-color-scheme:dark){.a :hover{margin:0 1px}}[part=x]{padding:.5rem 10.5px -.25rem}`;',
        "const plain = `keep   ${'this'}   }`; // html`  x  `",
        "const q = 'html`  y  `';",
      ].join('\n'),
    );
  });

  it('handles escapes and nested braces inside expressions', () => {
    const source = 'html`<p title="${JSON.stringify({ a: { b: 1 } })}">\\`  ok  </p>`';
    expect(minifyLitTemplates(source)).toBe('html`<p title="${JSON.stringify({ a: { b: 1 } })}">\\` ok </p>`');
  });
});
