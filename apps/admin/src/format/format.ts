const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** `93784` → `1 d 2 h`; `4500` → `1 h 15 min`; `42` → `42 s`. Two units at most. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < MINUTE) return `${seconds} s`;
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min`;
  if (seconds < DAY) {
    const hours = Math.floor(seconds / HOUR);
    const minutes = Math.floor((seconds % HOUR) / MINUTE);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(seconds / DAY);
  const hours = Math.floor((seconds % DAY) / HOUR);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/** Hours with one decimal below 10, whole hours above: `0.5 h`, `12 h`, `1,204 h`. */
export function formatHours(seconds: number): string {
  const hours = seconds / HOUR;
  return `${hours < 10 ? (Math.round(hours * 10) / 10).toLocaleString('en') : Math.round(hours).toLocaleString('en')} h`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** `2025-03-04T10:05:00Z` → `4 Mar 2025, 10:05 UTC` (support works across time zones: always UTC). */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

/** `2025-03-04` (a UTC day) → `4 Mar`. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** How long ago / from now, in words: `3 d ago`, `in 5 h`. */
export function formatRelative(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '—';
  const diff = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Number.isNaN(diff)) return '—';
  if (Math.abs(diff) < 60) return 'just now';
  return diff < 0 ? `${formatDuration(-diff)} ago` : `in ${formatDuration(diff)}`;
}

/** Seconds between an ISO start and an ISO end (or now). */
export function secondsBetween(startIso: string, endIso: string | null, now: Date = new Date()): number {
  const end = endIso ? new Date(endIso).getTime() : now.getTime();
  return Math.max(0, (end - new Date(startIso).getTime()) / 1000);
}
