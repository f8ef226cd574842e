import type { HeaderReader } from './header-reader.js';
import { isRecord, numberAt, parseJsonLoosely } from './json-shape.js';
import { longestWait } from './normalized-response.js';

/** Usage (percent of a limit) from which Facebook's usage headers count as "at the limit". */
export const FACEBOOK_USAGE_NEAR_LIMIT_PERCENT = 95;

/**
 * Wait used when `X-App-Usage` (or `X-Page-Usage`) is at the limit: Facebook counts app and page
 * usage over a rolling hour and gives no reset time, so usage falls off gradually.
 */
export const FACEBOOK_APP_USAGE_BACKOFF_SECONDS = 5 * 60;

function percentages(value: unknown, keys: readonly string[]): number[] {
  return keys.map((key) => numberAt(value, key)).filter((n): n is number => n !== undefined);
}

/** Highest usage percentage in `X-App-Usage` / `X-Page-Usage`, or undefined without one. */
function appUsagePercent(header: HeaderReader): number | undefined {
  const values = ['x-app-usage', 'x-page-usage'].flatMap((name) =>
    percentages(parseJsonLoosely(header(name)), ['call_count', 'total_cputime', 'total_time']),
  );
  return values.length === 0 ? undefined : Math.max(...values);
}

/** `X-Business-Use-Case-Usage`: `{ "<business id>": [{ type, call_count, …, estimated_time_to_regain_access }] }`, minutes. */
function businessUseCaseWaitSeconds(header: HeaderReader): number | undefined {
  const usage = parseJsonLoosely(header('x-business-use-case-usage'));
  if (!isRecord(usage)) return undefined;
  const minutes = Object.values(usage)
    .flatMap((entries) => (Array.isArray(entries) ? entries : [entries]))
    .map((entry) => numberAt(entry, 'estimated_time_to_regain_access'))
    .filter((m): m is number => m !== undefined && m > 0);
  return minutes.length === 0 ? undefined : Math.max(...minutes) * 60;
}

/** `X-Ad-Account-Usage`: `{ acc_id_util_pct, reset_time_duration (seconds), … }`. */
function adAccountWaitSeconds(header: HeaderReader): number | undefined {
  const usage = parseJsonLoosely(header('x-ad-account-usage'));
  const percent = numberAt(usage, 'acc_id_util_pct');
  const reset = numberAt(usage, 'reset_time_duration');
  if (percent === undefined || reset === undefined || reset <= 0) return undefined;
  return percent >= FACEBOOK_USAGE_NEAR_LIMIT_PERCENT ? reset : undefined;
}

/**
 * How long Facebook's usage headers say to hold off, in seconds (undefined: they say nothing).
 * The longest of: business-use-case regain time, ad-account reset time, and a fixed back-off
 * when app/page usage is at or near 100%.
 */
export function facebookBackoffSeconds(header: HeaderReader): number | undefined {
  const appPercent = appUsagePercent(header);
  return longestWait(
    businessUseCaseWaitSeconds(header),
    adAccountWaitSeconds(header),
    appPercent !== undefined && appPercent >= FACEBOOK_USAGE_NEAR_LIMIT_PERCENT ? FACEBOOK_APP_USAGE_BACKOFF_SECONDS : undefined,
  );
}
