import { describe, expect, it } from 'vitest';
import { catalogueFor, de, en, formatDuration } from './catalogue.js';

describe('catalogue', () => {
  it('picks German for de and its regions, English otherwise', () => {
    expect(catalogueFor('de')).toBe(de);
    expect(catalogueFor('de-AT')).toBe(de);
    expect(catalogueFor('DE_ch')).toBe(de);
    expect(catalogueFor('en-GB')).toBe(en);
    expect(catalogueFor('fr')).toBe(en);
    expect(catalogueFor('')).toBe(en);
  });

  it('has every English key in German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('formats untracked durations with the two largest units', () => {
    const minute = 60_000;
    expect(formatDuration(en, 59_999)).toBeNull();
    expect(formatDuration(en, -5)).toBeNull();
    expect(formatDuration(en, 14 * minute)).toBe('14 min');
    expect(formatDuration(en, 134 * minute)).toBe('2 h 14 min');
    expect(formatDuration(en, 120 * minute)).toBe('2 h');
    expect(formatDuration(en, (3 * 1440 + 4 * 60 + 5) * minute)).toBe('3 d 4 h');
    expect(formatDuration(de, 134 * minute)).toBe('2 Std. 14 Min.');
    expect(en.notTrackingSince('2 h 14 min')).toBe('Not tracking since 2 h 14 min');
  });
});
