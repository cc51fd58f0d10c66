/**
 * The attempt's clock is the server's: when an answer arrives, `serverNow - Date.now()` is the offset
 * between the phone's clock and the server's, and the countdown runs to `deadline` on the phone's
 * clock plus that offset. A phone set an hour wrong counts down the same as a right one.
 */

/** The server's clock minus the phone's, in ms, from an answer's `serverNow` received at `receivedAt`. */
export function clockOffset(serverNow: string, receivedAt: number): number {
  const server = Date.parse(serverNow);
  return Number.isFinite(server) ? server - receivedAt : 0;
}

/** Whole seconds left until `deadline` (never negative), or null for an untimed attempt. */
export function secondsLeft(deadline: string | null, offset: number, now = Date.now()): number | null {
  if (deadline === null) return null;
  const ms = Date.parse(deadline) - (now + offset);
  return Math.max(0, Math.ceil(ms / 1000));
}

/** Seconds as `mm:ss`, or `h:mm:ss` from an hour up. */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/** A server time (ISO) as the phone's local `hh:mm:ss`. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
