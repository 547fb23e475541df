import { describe, expect, it } from "vitest";
import { clockSkew, readSessionDeadlines } from "../../api/client.ts";
import { remainingLabel, sessionWarning, WARN_BEFORE_MS } from "./sessionDeadline.ts";

const now = Date.parse("2026-11-28T10:00:00Z");
const min = 60_000;

describe("session warning", () => {
  it("says nothing while more than five minutes remain", () => {
    expect(sessionWarning(null, now)).toEqual({ kind: "none" });
    expect(sessionWarning({ idleExpiresAt: now + 6 * min, expiresAt: now + 600 * min }, now)).toEqual({ kind: "none" });
  });
  it("warns of the idle end (which 'Rester connecté' moves) or of the absolute end (which nothing moves)", () => {
    expect(sessionWarning({ idleExpiresAt: now + 4 * min, expiresAt: now + 600 * min }, now)).toEqual({ kind: "idle", endsAt: now + 4 * min, remainingMs: 4 * min });
    expect(sessionWarning({ idleExpiresAt: now + 20 * min, expiresAt: now + 3 * min }, now)).toEqual({ kind: "absolute", endsAt: now + 3 * min, remainingMs: 3 * min });
    expect(sessionWarning({ idleExpiresAt: now + WARN_BEFORE_MS, expiresAt: now + 600 * min }, now).kind).toBe("idle");
  });
  it("knows when it has ended", () => {
    expect(sessionWarning({ idleExpiresAt: now, expiresAt: now + 600 * min }, now)).toEqual({ kind: "expired" });
  });
  it("words the time left", () => {
    expect(remainingLabel(4.5 * min)).toBe("dans 4 minutes");
    expect(remainingLabel(1.2 * min)).toBe("dans 1 minute");
    expect(remainingLabel(30_000)).toBe("dans moins d'une minute");
  });
});

describe("session deadlines from the answer's headers", () => {
  it("reads both headers, corrected by the server's clock", () => {
    const headers = new Headers({
      "x-session-idle-expires-at": "2026-11-28T10:30:00.000Z",
      "x-session-expires-at": "2026-11-28T22:00:00.000Z",
      // The browser's clock is 2 minutes ahead of the server's.
      date: new Date(now - 2 * min).toUTCString(),
    });
    expect(readSessionDeadlines(headers, now)).toEqual({ idleExpiresAt: Date.parse("2026-11-28T10:32:00Z"), expiresAt: Date.parse("2026-11-28T22:02:00Z") });
    expect(readSessionDeadlines(new Headers(), now)).toBeNull();
    expect(clockSkew(new Date(now).toUTCString(), now + 900)).toBe(0);
  });
});
