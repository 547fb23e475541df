import { describe, expect, it } from "vitest";
import { createDraftStore, draftKey, DRAFT_MAX_AGE_MS, type DraftStorage } from "./drafts.ts";

/** A Map-backed Storage (the browser's localStorage in the app). */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

const alice = { userId: "u-alice", personId: "p-1", form: "diagnostic" };

describe("draft store", () => {
  it("keeps a draft per user, person and form, with its meta and time", () => {
    let now = Date.parse("2026-11-28T10:00:00Z");
    const storage = memoryStorage();
    const store = createDraftStore(() => storage, () => now);
    expect(store.save(alice, { needs: "Transport" }, 3)).toBe(true);
    now += 60_000;
    expect(store.load(alice)).toEqual({ values: { needs: "Transport" }, meta: 3, saved_at: "2026-11-28T10:00:00.000Z" });
    // Another user, person or form sees nothing.
    expect(store.load({ ...alice, userId: "u-bob" })).toBeNull();
    expect(store.load({ ...alice, personId: "p-2" })).toBeNull();
    expect(store.load({ ...alice, form: "note:nouvelle" })).toBeNull();
    expect([...storage.map.keys()]).toEqual([draftKey(alice)]);
  });

  it("is cleared on save (clear) and on logout (clearUser), other users' drafts kept", () => {
    const storage = memoryStorage();
    const store = createDraftStore(() => storage);
    store.save(alice, "a");
    store.save({ ...alice, form: "note:nouvelle" }, "b");
    store.save({ ...alice, userId: "u-bob" }, "c");
    store.clear(alice);
    expect(store.load(alice)).toBeNull();
    expect(store.load({ ...alice, form: "note:nouvelle" })?.values).toBe("b");
    store.clearUser("u-alice");
    expect(store.load({ ...alice, form: "note:nouvelle" })).toBeNull();
    expect(store.load({ ...alice, userId: "u-bob" })?.values).toBe("c");
  });

  it("drops a draft older than the bounded age, on load and on purge", () => {
    let now = Date.parse("2026-11-28T10:00:00Z");
    const storage = memoryStorage();
    const store = createDraftStore(() => storage, () => now);
    store.save(alice, "old");
    store.save({ ...alice, form: "note:nouvelle" }, "old too");
    now += DRAFT_MAX_AGE_MS - 1;
    expect(store.load(alice)?.values).toBe("old");
    now += 2;
    expect(store.purgeExpired()).toBe(2);
    expect(storage.map.size).toBe(0);
    expect(store.load(alice)).toBeNull();
  });

  it("removes what it cannot read, and survives a full or missing storage", () => {
    const storage = memoryStorage();
    storage.setItem(draftKey(alice), "{pas du json");
    const store = createDraftStore(() => storage);
    expect(store.load(alice)).toBeNull();
    expect(storage.map.size).toBe(0);
    storage.setItem(draftKey(alice), JSON.stringify({ format: 99, values: 1, saved_at: new Date().toISOString() }));
    expect(store.load(alice)).toBeNull();
    const full = { ...memoryStorage(), setItem: () => { throw new DOMException("quota", "QuotaExceededError"); } };
    expect(createDraftStore(() => full).save(alice, "x")).toBe(false);
    const none = createDraftStore(() => null);
    expect(none.save(alice, "x")).toBe(false);
    expect(none.load(alice)).toBeNull();
  });
});
