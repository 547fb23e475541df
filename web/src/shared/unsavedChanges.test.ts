import { describe, expect, it } from "vitest";
import { createUnsavedRegistry, leavesForm, SKIP_GUARD_STATE } from "./unsavedChanges.ts";

const form = () => ({ isConnected: true });

describe("unsaved-changes registry", () => {
  it("a form the user typed in is dirty until the mutation it submitted succeeds", () => {
    let now = 1_000;
    const r = createUnsavedRegistry(() => now);
    const f = form();
    expect(r.isDirty()).toBe(false);
    r.formEdited(f);
    expect(r.isDirty()).toBe(true);
    r.formSubmitted(f);
    const mutation = {};
    now += 10;
    r.mutationStarted(mutation);
    expect(r.isDirty()).toBe(true);
    r.mutationSucceeded(mutation);
    expect(r.isDirty()).toBe(false);
  });

  it("an unrelated mutation (no submit just before, or a failed client-side check) leaves the form dirty", () => {
    let now = 1_000;
    const r = createUnsavedRegistry(() => now);
    const f = form();
    r.formEdited(f);
    const other = {};
    r.mutationStarted(other);
    r.mutationSucceeded(other);
    expect(r.isDirty()).toBe(true);
    // Submitted, refused by the form's own validation (no mutation), then a later mutation elsewhere.
    r.formSubmitted(f);
    now += 10_000;
    const later = {};
    r.mutationStarted(later);
    r.mutationSucceeded(later);
    expect(r.isDirty()).toBe(true);
  });

  it("a form removed from the page no longer counts; keyed sources (drafts) count until cleared", () => {
    const r = createUnsavedRegistry();
    const f = { isConnected: true };
    r.formEdited(f);
    f.isConnected = false;
    expect(r.isDirty()).toBe(false);
    r.setDirty("draft-1", true);
    expect(r.isDirty()).toBe(true);
    r.setDirty("draft-1", false);
    expect(r.isDirty()).toBe(false);
  });

  it("notifies its listeners and forgets everything on reset", () => {
    const r = createUnsavedRegistry();
    let calls = 0;
    const off = r.subscribe(() => calls++);
    r.setDirty("a", true);
    r.setDirty("a", true);
    r.formEdited(form());
    expect(calls).toBe(2);
    r.reset();
    expect(r.isDirty()).toBe(false);
    off();
    r.setDirty("b", true);
    expect(calls).toBe(3);
  });
});

describe("leavesForm", () => {
  const file = { pathname: "/personnes/1", search: "?onglet=diagnostic" };
  it("another page or another tab of the file leaves; a hash change does not", () => {
    expect(leavesForm(file, { pathname: "/personnes", search: "" })).toBe(true);
    expect(leavesForm(file, { pathname: "/personnes/1", search: "?onglet=contrats" })).toBe(true);
    expect(leavesForm(file, { pathname: "/personnes/1", search: "" })).toBe(true);
    expect(leavesForm(file, { ...file })).toBe(false);
  });
  it("a navigation marked to skip the guard (expired session) passes", () => {
    expect(leavesForm(file, { pathname: "/connexion", search: "", state: { [SKIP_GUARD_STATE]: true } })).toBe(false);
    expect(leavesForm(file, { pathname: "/connexion", search: "", state: { other: true } })).toBe(true);
  });
});
