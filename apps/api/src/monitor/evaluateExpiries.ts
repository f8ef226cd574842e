import { DEFAULT_EXPIRING_SOON_WINDOW_SECONDS } from '@relink/core';
import { DUE_EXPIRIES_SQL, type RelinkDatabase } from '@relink/db';
import type { StatusService } from '../services/StatusService.js';

interface DueRow {
  id: string;
  token_expires_at: Date | string | null;
  data_access_expires_at: Date | string | null;
}

const CHUNK = 100;

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * The clock's part of the sweep: integrations whose credential (Facebook token or data access, Google
 * time-based access) ends within the warning window turn EXPIRING_SOON, and those whose end has
 * passed turn EXPIRED — each through StatusService as a TIME_PASSED event, with the dates in the
 * history row. Only rows that would change are picked, so a quiet sweep costs two index range scans.
 * Returns how many integrations changed.
 */
export async function evaluateExpiries(
  database: RelinkDatabase,
  status: StatusService,
  options: { limit?: number; windowSeconds?: number; now?: Date } = {},
): Promise<number> {
  const limit = options.limit ?? 500;
  const windowSeconds = options.windowSeconds ?? DEFAULT_EXPIRING_SOON_WINDOW_SECONDS;
  const now = options.now ?? new Date();
  const { rows } = await database.executeSql<DueRow>(DUE_EXPIRIES_SQL, [now.toISOString(), windowSeconds, limit]);
  let changed = 0;
  // A chunk per transaction keeps each one short next to the check jobs that lock the same rows.
  for (let i = 0; i < rows.length; i += CHUNK) {
    const applied = await status.applyEach(
      rows.slice(i, i + CHUNK).map((row) => ({
        integrationId: row.id,
        event: { type: 'TIME_PASSED', at: now },
        meta: {
          actor: 'monitor',
          eventType: 'expiry',
          detail: { tokenExpiresAt: iso(row.token_expires_at), dataAccessExpiresAt: iso(row.data_access_expires_at) },
        },
      })),
    );
    changed += applied.filter((a) => a.transition.changed).length;
  }
  return changed;
}
