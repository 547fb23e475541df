// When to warn that the session ends (idle 30 min, absolute 12 h; the server tells both deadlines
// on every answer, see api/client.ts). Pure: unit-tested.
import type { SessionDeadlines } from "../../api/client.ts";

/** The warning shows this long before the end. */
export const WARN_BEFORE_MS = 5 * 60_000;

export type SessionWarning =
  | { kind: "none" }
  /** Inactivity ends the session: "Rester connecté" restarts the idle timer. */
  | { kind: "idle"; endsAt: number; remainingMs: number }
  /** The 12-hour limit ends it: nothing extends it, the user saves and signs in again. */
  | { kind: "absolute"; endsAt: number; remainingMs: number }
  | { kind: "expired" };

export function sessionWarning(deadlines: SessionDeadlines | null, now: number, warnBeforeMs = WARN_BEFORE_MS): SessionWarning {
  if (!deadlines) return { kind: "none" };
  const endsAt = Math.min(deadlines.idleExpiresAt, deadlines.expiresAt);
  const remainingMs = endsAt - now;
  if (remainingMs <= 0) return { kind: "expired" };
  if (remainingMs > warnBeforeMs) return { kind: "none" };
  return { kind: deadlines.expiresAt <= deadlines.idleExpiresAt ? "absolute" : "idle", endsAt, remainingMs };
}

/** "dans 4 minutes", "dans moins d'une minute". */
export function remainingLabel(remainingMs: number): string {
  const minutes = Math.floor(remainingMs / 60_000);
  if (minutes < 1) return "dans moins d'une minute";
  return minutes === 1 ? "dans 1 minute" : `dans ${minutes} minutes`;
}
