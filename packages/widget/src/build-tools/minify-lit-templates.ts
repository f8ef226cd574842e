/**
 * Build-time only: collapses the whitespace of Lit's `html`/`svg` and `css` tagged templates in
 * TypeScript/JavaScript source (Vite's minifier keeps template text as written). Text between
 * tags and expressions keeps one space where it had any, so rendered text does not change;
 * whitespace that only separates tags is dropped; static attribute values that are one word lose
 * their quotes. CSS loses comments, spaces, leading zeros and quotes in attribute selectors.
 * Comments and strings are copied untouched.
 */
export function minifyLitTemplates(source: string): string {
  let i = 0;
  const n = source.length;

  const minifyHtml = (chunk: string, first: boolean, last: boolean): string => {
    let text = chunk
      .replace(/\s+/g, ' ')
      .replace(/> </g, '><')
      .replace(/ >/g, '>')
      .replace(/( [\w-]+)="([\w-]+)"/g, '$1=$2');
    if (first || text.startsWith(' <')) text = text.replace(/^ /, '');
    if (last || text.endsWith('> ')) text = text.replace(/ $/, '');
    return text;
  };

  const minifyCss = (chunk: string): string =>
    chunk
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      .replace(/([\s:,(-])0\.(\d)/g, '$1.$2')
      .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
      .trim();

  function copyQuoted(quote: string): string {
    let out = quote;
    i += 1;
    while (i < n) {
      const c = source[i] as string;
      out += c;
      i += 1;
      if (c === '\\') {
        out += source[i] ?? '';
        i += 1;
      } else if (c === quote) break;
    }
    return out;
  }

  /** From just after an opening backtick to just after the closing one. */
  function template(kind: 'html' | 'css' | null): string {
    const chunks: string[] = [];
    const expressions: string[] = [];
    let chunk = '';
    while (i < n) {
      const c = source[i] as string;
      if (c === '\\') {
        chunk += c + (source[i + 1] ?? '');
        i += 2;
      } else if (c === '`') {
        i += 1;
        break;
      } else if (c === '$' && source[i + 1] === '{') {
        i += 2;
        chunks.push(chunk);
        chunk = '';
        expressions.push(code(true));
        i += 1; // the closing brace
      } else {
        chunk += c;
        i += 1;
      }
    }
    chunks.push(chunk);
    let out = '`';
    chunks.forEach((part, index) => {
      const text =
        kind === 'html' ? minifyHtml(part, index === 0, index === chunks.length - 1) : kind === 'css' ? minifyCss(part) : part;
      out += text;
      if (index < expressions.length) out += '${' + expressions[index] + '}';
    });
    return out + '`';
  }

  /** Code until the end (or, inside `${…}`, until its unmatched closing brace, not consumed). */
  function code(insideExpression: boolean): string {
    let out = '';
    let depth = 0;
    while (i < n) {
      const c = source[i] as string;
      if (c === '/' && source[i + 1] === '/') {
        const end = source.indexOf('\n', i);
        const stop = end === -1 ? n : end;
        out += source.slice(i, stop);
        i = stop;
      } else if (c === '/' && source[i + 1] === '*') {
        const end = source.indexOf('*/', i + 2);
        const stop = end === -1 ? n : end + 2;
        out += source.slice(i, stop);
        i = stop;
      } else if (c === '"' || c === "'") {
        out += copyQuoted(c);
      } else if (c === '`') {
        const tag = /\b(html|svg|css)\s*$/.exec(out)?.[1];
        i += 1;
        out += template(tag === 'css' ? 'css' : tag ? 'html' : null);
      } else if (c === '{') {
        depth += 1;
        out += c;
        i += 1;
      } else if (c === '}') {
        if (insideExpression && depth === 0) return out;
        depth -= 1;
        out += c;
        i += 1;
      } else {
        out += c;
        i += 1;
      }
    }
    return out;
  }

  return code(false);
}

/** The Vite plugin: applies `minifyLitTemplates` to the package's own sources that use the tags. */
export function minifyLitTemplatesPlugin(): { name: string; enforce: 'pre'; transform(code: string, id: string): string | null } {
  return {
    name: 'relink:minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/[^?]*\.ts$/.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      return minifyLitTemplates(code);
    },
  };
}
