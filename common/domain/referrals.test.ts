import { describe, expect, it } from "vitest";
import { movesFrom, REFERRAL_STATUSES, referralTransition, type ReferralParty, type ReferralStatus } from "./referrals.ts";

const ALLOWED: [ReferralStatus, ReferralStatus, ReferralParty][] = [
  ["sent", "in_review", "receiver"],
  ["sent", "accepted", "receiver"],
  ["sent", "refused", "receiver"],
  ["sent", "redirected", "receiver"],
  ["sent", "expired", "system"],
  ["sent", "cancelled", "sender"],
  ["in_review", "accepted", "receiver"],
  ["in_review", "refused", "receiver"],
  ["in_review", "redirected", "receiver"],
  ["in_review", "expired", "system"],
  ["in_review", "cancelled", "sender"],
  ["accepted", "started", "receiver"],
  ["started", "completed", "receiver"],
];
const INPUT: Partial<Record<ReferralStatus, Record<string, unknown>>> = {
  accepted: { planned_start: "2026-06-01" },
  refused: { reason_codes: ["doublon"] },
  redirected: { redirect_service_id: "00000000-0000-4000-8000-000000000001" },
  cancelled: { message: "Raison fictive" },
  completed: { outcome: "success" },
};

describe("the referral's state machine", () => {
  it("allows exactly the listed moves, each to its own side: every other (state, move, side) is refused", () => {
    for (const from of REFERRAL_STATUSES) {
      for (const to of REFERRAL_STATUSES) {
        for (const party of ["sender", "receiver", "system"] as const) {
          const allowed = ALLOWED.some(([f, t, p]) => f === from && t === to && p === party);
          const decision = referralTransition(from, party, { to, ...INPUT[to] });
          expect(decision.ok, `${from} → ${to} by ${party}`).toBe(allowed);
          if (!allowed) expect(decision).toMatchObject({ kind: "state" });
        }
      }
    }
  });

  it("closed states allow nothing", () => {
    for (const s of ["refused", "redirected", "expired", "cancelled", "completed"] as const) for (const p of ["sender", "receiver", "system"] as const) expect(movesFrom(s, p)).toEqual([]);
  });

  it("names the missing and the foreign fields of a move", () => {
    expect(referralTransition("sent", "receiver", { to: "accepted" })).toEqual({ ok: false, kind: "fields", errors: [expect.objectContaining({ field: "planned_start", code: "required" })] });
    expect(referralTransition("sent", "receiver", { to: "refused", reason_codes: [] })).toMatchObject({ ok: false, errors: [{ field: "reason_codes" }] });
    expect(referralTransition("sent", "receiver", { to: "refused", reason_codes: ["autre"] })).toMatchObject({ ok: false, errors: [{ field: "message" }] });
    expect(referralTransition("sent", "receiver", { to: "refused", reason_codes: ["doublon", "doublon"] })).toMatchObject({ ok: false, errors: [{ field: "reason_codes", code: "duplicate" }] });
    expect(referralTransition("sent", "receiver", { to: "in_review", outcome: "success" })).toMatchObject({ ok: false, errors: [{ field: "outcome", code: "not_allowed" }] });
    expect(referralTransition("started", "receiver", { to: "completed" })).toMatchObject({ ok: false, errors: [{ field: "outcome" }] });
    expect(referralTransition("sent", "sender", { to: "cancelled", message: "  " })).toMatchObject({ ok: false, errors: [{ field: "message" }] });
    const same = "00000000-0000-4000-8000-000000000001";
    expect(referralTransition("sent", "receiver", { to: "redirected", redirect_service_id: same }, { current_service_id: same })).toMatchObject({ ok: false, errors: [{ field: "redirect_service_id", code: "same_service" }] });
    expect(referralTransition("in_review", "receiver", { to: "refused", reason_codes: ["autre"], message: "Précision fictive", share_reason_with_person: false })).toEqual({ ok: true });
  });
});
