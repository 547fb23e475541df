import { describe, expect, it } from "vitest";
import { accessReasonLabel, describeVisit, joinFr } from "./access-log.ts";

describe("the access log in words", () => {
  it("says what a visit did, each verb once, each thing once, reads before changes", () => {
    expect(
      describeVisit([
        { action: "update", resource: "action_plan" },
        { action: "read", resource: "person" },
        { action: "read", resource: "diagnostic" },
        { action: "read", resource: "person" },
        { action: "read", resource: "notes" },
      ]),
    ).toBe("a consulté l'identité, le diagnostic et les notes ; a modifié le plan d'action");
  });

  it("falls back to plain words for codes it does not know", () => {
    expect(describeVisit([{ action: "read", resource: "something_new" }])).toBe("a consulté le dossier");
    expect(describeVisit([{ action: "frobnicate", resource: "person" }])).toBe("a consulté l'identité");
    expect(accessReasonLabel("coordinator")).toBe("équipe de coordination du territoire");
    expect(accessReasonLabel("unknown")).toBe("autre motif");
  });

  it("joins lists the French way", () => {
    expect(joinFr([])).toBe("");
    expect(joinFr(["a"])).toBe("a");
    expect(joinFr(["a", "b"])).toBe("a et b");
    expect(joinFr(["a", "b", "c"])).toBe("a, b et c");
  });
});
