import { describe, expect, it } from 'vitest';
import { buildDemoScenario, DEMO_HISTORY_DAYS } from './demoScenario.js';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('buildDemoScenario', () => {
  const plan = buildDemoScenario(NOW);

  it('is deterministic for a given now', () => {
    expect(JSON.stringify(buildDemoScenario(NOW))).toBe(JSON.stringify(plan));
    expect(JSON.stringify(buildDemoScenario(NOW, 7))).not.toBe(JSON.stringify(plan));
  });

  it('has an agency identity connected for several tenants', () => {
    const agency = plan.users.filter((u) => u.tenants.length >= 3);
    expect(agency).toHaveLength(1);
    const tenants = new Set(plan.integrations.filter((i) => i.user === agency[0]!.key).map((i) => i.tenant));
    expect(tenants.size).toBe(3);
  });

  it('keeps every history in order, inside 90 days, alternating broken and fixed', () => {
    const earliest = NOW.getTime() - DEMO_HISTORY_DAYS * 86_400_000;
    for (const item of plan.integrations) {
      let previous = item.connectedAt.getTime();
      expect(previous).toBeGreaterThanOrEqual(earliest);
      let broken = false;
      for (const step of item.steps) {
        expect(step.at.getTime()).toBeGreaterThanOrEqual(previous);
        expect(step.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
        previous = step.at.getTime();
        if (step.type === 'invalid') {
          expect(broken).toBe(false);
          broken = true;
          if (step.occurredAt) expect(step.occurredAt.getTime()).toBeLessThanOrEqual(step.at.getTime());
        }
        if (step.type === 'reauthorized') {
          expect(broken).toBe(true);
          broken = false;
        }
      }
    }
  });

  it('mixes current states and has history over the whole period', () => {
    const last = plan.integrations.map((i) => i.steps.at(-1)?.type ?? 'none');
    expect(last).toContain('invalid');
    expect(last).toContain('transient');
    expect(last).toContain('disconnected');
    expect(last.filter((t) => t === 'reauthorized' || t === 'none').length).toBeGreaterThan(3);
    const invalidations = plan.integrations.flatMap((i) => i.steps.filter((s) => s.type === 'invalid'));
    expect(invalidations.length).toBeGreaterThan(25);
    const oldest = Math.min(...invalidations.map((s) => s.at.getTime()));
    expect(oldest).toBeLessThan(NOW.getTime() - 60 * 86_400_000);
  });
});
