/**
 * Integrations the clock changes now (`$1` now, `$2` warning window in seconds, `$3` limit): healthy
 * ones whose earliest end is inside the window (→ EXPIRING_SOON) and healthy, warned or unreachable
 * ones whose end passed (→ EXPIRED), soonest end first. Each branch is a range scan of its partial index.
 */
export const DUE_EXPIRIES_SQL = `
  SELECT id, token_expires_at, data_access_expires_at FROM (
    (SELECT id, token_expires_at, data_access_expires_at, LEAST(token_expires_at, data_access_expires_at) AS ends_at
       FROM integrations
      WHERE status = 'HEALTHY' AND disconnected_at IS NULL
        AND LEAST(token_expires_at, data_access_expires_at) <= $1::timestamptz + make_interval(secs => $2)
      ORDER BY LEAST(token_expires_at, data_access_expires_at) LIMIT $3)
    UNION ALL
    (SELECT id, token_expires_at, data_access_expires_at, LEAST(token_expires_at, data_access_expires_at) AS ends_at
       FROM integrations
      WHERE status IN ('EXPIRING_SOON', 'UNREACHABLE') AND disconnected_at IS NULL
        AND LEAST(token_expires_at, data_access_expires_at) <= $1::timestamptz
      ORDER BY LEAST(token_expires_at, data_access_expires_at) LIMIT $3)
  ) due ORDER BY ends_at LIMIT $3`;
