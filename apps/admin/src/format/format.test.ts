import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatDuration, formatHours, formatRelative, secondsBetween } from './format.js';
import { actorLabel, eventTypeLabel } from './labels.js';

describe('formatDuration', () => {
  it('uses at most two units', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(4500)).toBe('1 h 15 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(93_784)).toBe('1 d 2 h');
    expect(formatDuration(86_400 * 3)).toBe('3 d');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('dates', () => {
  it('formats in UTC', () => {
    expect(formatDateTime('2025-03-04T10:05:00Z')).toBe('4 Mar 2025, 10:05 UTC');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDay('2025-03-04')).toBe('4 Mar');
    const now = new Date('2025-03-04T12:00:00Z');
    expect(formatRelative('2025-03-01T12:00:00Z', now)).toBe('3 d ago');
    expect(formatRelative('2025-03-04T17:00:00Z', now)).toBe('in 5 h');
    expect(secondsBetween('2025-03-04T11:00:00Z', null, now)).toBe(3600);
  });

  it('formats hours', () => {
    expect(formatHours(1800)).toBe('0.5 h');
    expect(formatHours(3600 * 1204)).toBe('1,204 h');
  });
});

describe('labels', () => {
  it('names actors and event types in words', () => {
    expect(actorLabel('monitor')).toBe('Relink monitor');
    expect(actorLabel('staff:bootstrap')).toBe('Support (bootstrap admin)');
    expect(actorLabel('provider:google-risc')).toBe('The provider (google-risc)');
    expect(actorLabel(null)).toBe('Relink');
    expect(eventTypeLabel('security_event')).toBe('Security event from the provider');
    expect(eventTypeLabel('something_new')).toBe('Something new');
  });
});
