// Which forms hold unsaved changes, for the one guard of the app (UnsavedChangesGuard in the
// layout: react-router's blocker + beforeunload). Two kinds of sources, no per-form code needed:
// - every <form> of the app is watched in the DOM: a user's input or change inside marks it dirty;
//   the mutation it submits, once it succeeds, marks it clean (queryClient's MutationCache calls
//   `mutationStarted` / `mutationSucceeded`); a form removed from the page no longer counts. Search
//   forms (role="search") and forms that hold nothing to lose (login) with `data-unsaved-guard="off"`
//   are not watched;
// - a hook (`useDirty`, used by the drafts of the long forms) declares its own state by key, so that
//   a draft restored after a reload is guarded before any keystroke.

type Listener = () => void;

export const GUARD_OFF_ATTRIBUTE = "data-unsaved-guard";
/** Navigation state that passes the guard (the login page after an expired session; after a save). */
export const SKIP_GUARD_STATE = "spieSkipGuard";

/** How long after a submit a mutation started is taken as that form's save. */
const SUBMIT_TO_MUTATION_MS = 2_000;

export interface FormLike {
  readonly isConnected: boolean;
}

export function createUnsavedRegistry(now: () => number = Date.now) {
  const keyed = new Map<string, boolean>();
  const forms = new Set<FormLike>();
  let lastSubmit: { form: FormLike; at: number } | null = null;
  const saving = new WeakMap<object, FormLike>();
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((l) => l());

  return {
    setDirty(key: string, dirty: boolean) {
      if ((keyed.get(key) ?? false) === dirty) return;
      if (dirty) keyed.set(key, true);
      else keyed.delete(key);
      notify();
    },
    formEdited(form: FormLike) {
      if (forms.has(form)) return;
      forms.add(form);
      notify();
    },
    formSubmitted(form: FormLike) {
      lastSubmit = { form, at: now() };
    },
    /** A mutation started: if a form was submitted just before, it is that form's save. */
    mutationStarted(mutation: object) {
      if (lastSubmit && now() - lastSubmit.at <= SUBMIT_TO_MUTATION_MS) saving.set(mutation, lastSubmit.form);
      lastSubmit = null;
    },
    mutationSucceeded(mutation: object) {
      const form = saving.get(mutation);
      if (form && forms.delete(form)) notify();
    },
    /** Forgets everything (the user leaves on purpose, or logs out). */
    reset() {
      keyed.clear();
      forms.clear();
      lastSubmit = null;
      notify();
    },
    isDirty(): boolean {
      for (const form of forms) if (!form.isConnected) forms.delete(form);
      return keyed.size > 0 || forms.size > 0;
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type UnsavedRegistry = ReturnType<typeof createUnsavedRegistry>;

interface Loc {
  pathname: string;
  search: string;
  state?: unknown;
}

/**
 * Whether a navigation leaves what the user is typing: another page, or another tab of the same
 * page (tabs are in the query string, `?onglet=`). A hash change stays; a navigation whose state
 * says SKIP_GUARD_STATE passes.
 */
export function leavesForm(current: Loc, next: Loc): boolean {
  if (typeof next.state === "object" && next.state !== null && (next.state as Record<string, unknown>)[SKIP_GUARD_STATE] === true) return false;
  return current.pathname !== next.pathname || current.search !== next.search;
}

/** The app's registry. */
export const unsaved = createUnsavedRegistry();
