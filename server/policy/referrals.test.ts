import { describe, expect, it } from "vitest";
import { createCrypto } from "../crypto.ts";
import { signReferralLink, verifyReferralLink } from "./referrals.ts";

const crypto = createCrypto("un secret de test fictif, assez long pour dériver des clés");
const other = createCrypto("un autre secret de test fictif, pour une autre plateforme");
const id = "2ea6701a-0f7f-49fd-8b5e-4c11af42f742";
const now = new Date("2026-11-28T10:00:00Z");
const expires = new Date("2026-12-06T10:00:00Z");
const state = async (v = 3, by_link = true) => ({ version: v, by_link });

describe("the signed link of a directory-only service", () => {
  it("fits a path parameter (under 100 characters) and opens its referral while valid", async () => {
    const token = signReferralLink(crypto, { referral_id: id, version: 3, expires_at: expires });
    expect(token.length).toBeLessThan(100);
    expect(await verifyReferralLink(crypto, token, now, () => state())).toEqual({ ok: true, claims: { referral_id: id, version: 3, expires_at: expires } });
  });

  it("refuses a forged, truncated or foreign-key token, an older version, an expired one, a referral that is not by link", async () => {
    const token = signReferralLink(crypto, { referral_id: id, version: 3, expires_at: expires });
    const [hex, v, e, sig] = token.split(".") as [string, string, string, string];
    expect(await verifyReferralLink(crypto, `${hex}.4.${e}.${sig}`, now, () => state(4))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyReferralLink(crypto, `${hex}.${v}.${(parseInt(e, 36) + 86400).toString(36)}.${sig}`, now, () => state())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyReferralLink(crypto, token.slice(0, -1), now, () => state())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyReferralLink(crypto, "pas-un-jeton", now, () => state())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyReferralLink(other, token, now, () => state())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyReferralLink(crypto, token, now, () => state(4))).toEqual({ ok: false, reason: "replaced" });
    expect(await verifyReferralLink(crypto, token, expires, () => state())).toEqual({ ok: false, reason: "expired" });
    expect(await verifyReferralLink(crypto, token, now, () => state(3, false))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyReferralLink(crypto, token, now, async () => undefined)).toEqual({ ok: false, reason: "invalid" });
  });
});
