import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RelinkBanner } from './relink-banner.component.js';

// custom-elements.json is hand-written (the analyzer could not be installed under this
// workspace's build-script policy); this keeps it in step with the class and its JSDoc.

interface Manifest {
  modules: Array<{
    declarations: Array<{
      tagName?: string;
      attributes?: Array<{ name: string }>;
      events?: Array<{ name: string }>;
      cssParts?: Array<{ name: string }>;
      cssProperties?: Array<{ name: string }>;
    }>;
  }>;
}

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8')) as Manifest;
const declaration = manifest.modules.flatMap((module) => module.declarations).find((d) => d.tagName === 'relink-banner');
const source = readFileSync(new URL('./relink-banner.component.ts', import.meta.url), 'utf8');
const styles = readFileSync(new URL('./relink-banner.styles.ts', import.meta.url), 'utf8');

describe('custom-elements.json', () => {
  it('lists exactly the attributes the element observes', () => {
    const observed = [...(RelinkBanner as unknown as { observedAttributes: string[] }).observedAttributes].sort();
    expect(declaration?.attributes?.map((a) => a.name).sort()).toEqual(observed);
  });

  it('lists the events, parts and custom properties documented on the class', () => {
    expect(declaration?.events?.map((e) => e.name)).toEqual([...source.matchAll(/@fires (\S+)/g)].map((m) => m[1]));
    expect(declaration?.cssParts?.map((p) => p.name)).toEqual([...source.matchAll(/@csspart (\S+)/g)].map((m) => m[1]));
    const documented = [...source.matchAll(/@cssproperty (\S+)/g)].map((m) => m[1]);
    expect(declaration?.cssProperties?.map((p) => p.name)).toEqual(documented);
    const declared = [...new Set([...styles.matchAll(/^\s+(--relink-[\w-]+):/gm)].map((m) => m[1]))].sort();
    expect([...documented].sort()).toEqual(declared);
  });
});
