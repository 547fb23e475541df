// Drafts of the long forms (diagnostic, contract, note), kept in the browser until saved: in
// localStorage (a reload, a closed tab or an expired session lose nothing), keyed by user + person +
// form, cleared on save, on logout and after DRAFT_MAX_AGE_MS. A draft never leaves the browser: it
// is not sent to the server, nor in a URL, nor in a log.

/** A draft older than this is dropped (the absolute length of a session). */
export const DRAFT_MAX_AGE_MS = 12 * 3_600_000;
const PREFIX = "spie:brouillon:";
const FORMAT = 1;

export interface DraftKey {
  userId: string;
  /** The person's file the form belongs to. */
  personId: string;
  /** Which form: "diagnostic", "contrat:nouveau", "note:nouvelle"… */
  form: string;
}

export interface Draft<T> {
  values: T;
  /** When it was written (ISO 8601). */
  saved_at: string;
  /** What the form needs besides the values (e.g. the version the diagnostic was based on). */
  meta: unknown;
}

interface Stored<T> extends Draft<T> {
  format: number;
}

/** The subset of Storage the store uses (tests give a Map-backed one). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export function draftKey(key: DraftKey): string {
  return `${PREFIX}${key.userId}:${key.personId}:${key.form}`;
}

export interface DraftStore {
  save<T>(key: DraftKey, values: T, meta?: unknown): boolean;
  load<T>(key: DraftKey): Draft<T> | null;
  clear(key: DraftKey): void;
  /** Every draft of the user (logout). */
  clearUser(userId: string): void;
  /** Every draft older than DRAFT_MAX_AGE_MS (at start-up). */
  purgeExpired(): number;
}

export function createDraftStore(storage: () => DraftStorage | null, now: () => number = Date.now): DraftStore {
  const keys = (): string[] => {
    const s = storage();
    if (!s) return [];
    const out: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith(PREFIX)) out.push(k);
    }
    return out;
  };
  const read = <T>(k: string): Stored<T> | null => {
    const s = storage();
    const raw = s?.getItem(k);
    if (!s || raw === null || raw === undefined) return null;
    try {
      const parsed = JSON.parse(raw) as Stored<T>;
      if (parsed.format !== FORMAT || typeof parsed.saved_at !== "string" || !("values" in parsed)) throw new Error("format");
      const age = now() - Date.parse(parsed.saved_at);
      if (!(age <= DRAFT_MAX_AGE_MS)) throw new Error("expired");
      return parsed;
    } catch {
      s.removeItem(k);
      return null;
    }
  };
  const remove = (k: string) => {
    try {
      storage()?.removeItem(k);
    } catch {
      // Storage unavailable: nothing to remove.
    }
  };

  return {
    save(key, values, meta = null) {
      const s = storage();
      if (!s) return false;
      const stored: Stored<typeof values> = { format: FORMAT, values, meta, saved_at: new Date(now()).toISOString() };
      try {
        s.setItem(draftKey(key), JSON.stringify(stored));
        return true;
      } catch {
        // Quota exceeded or storage disabled: the guard still asks before leaving.
        return false;
      }
    },
    load<T>(key: DraftKey) {
      const stored = read<T>(draftKey(key));
      return stored ? { values: stored.values, saved_at: stored.saved_at, meta: stored.meta } : null;
    },
    clear(key) {
      remove(draftKey(key));
    },
    clearUser(userId) {
      for (const k of keys()) if (k.startsWith(`${PREFIX}${userId}:`)) remove(k);
    },
    purgeExpired() {
      let purged = 0;
      for (const k of keys()) if (read(k) === null) purged++;
      return purged;
    },
  };
}

function browserStorage(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The app's draft store (localStorage). */
export const drafts = createDraftStore(browserStorage);
