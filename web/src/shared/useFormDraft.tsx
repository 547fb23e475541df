// The values of a long form, kept as a draft in the browser (shared/drafts.ts) while they differ
// from what was saved, and guarded (shared/unsavedChanges.ts) even right after a reload.
import { useEffect, useId, useState, type Dispatch, type SetStateAction } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { useMe } from "../features/auth/api.ts";
import { drafts, type Draft, type DraftKey } from "./drafts.ts";
import { formatDateTime } from "./format.ts";
import { unsaved } from "./unsavedChanges.ts";

export interface FormDraft<T, M = null> {
  values: T;
  setValues: Dispatch<SetStateAction<T>>;
  /** What the form keeps with its values (e.g. the version the diagnostic is based on). */
  meta: M;
  setMeta: Dispatch<SetStateAction<M>>;
  /** The draft found when the form opened (null: none). */
  restored: Draft<T> | null;
  dirty: boolean;
  /** After a successful save: the draft is dropped and the current values count as saved. */
  saved(): void;
  /** "Abandonner le brouillon": back to the saved values. */
  discard(): void;
}

/** Declares a form's unsaved state to the app's guard under a stable key, while mounted. */
export function useDirty(dirty: boolean): void {
  const key = useId();
  useEffect(() => {
    unsaved.setDirty(key, dirty);
    return () => unsaved.setDirty(key, false);
  }, [key, dirty]);
}

/**
 * `pristine`: the values as saved on the server (the form's starting point without a draft).
 * `initialMeta`: stored with the draft and restored with it (e.g. the base version).
 */
export function useFormDraft<T, M = null>(form: string, personId: string, pristine: T, initialMeta: M): FormDraft<T, M> {
  const userId = useMe().data?.user.id ?? null;
  const key: DraftKey | null = userId ? { userId, personId, form } : null;
  const [restored, setRestored] = useState<Draft<T> | null>(() => (key ? drafts.load<T>(key) : null));
  const [values, setValues] = useState<T>(() => restored?.values ?? pristine);
  const [meta, setMeta] = useState<M>(() => (restored ? (restored.meta as M) : initialMeta));
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(pristine));
  const json = JSON.stringify(values);
  const dirty = json !== savedJson && json !== JSON.stringify(pristine);
  const keyString = key ? `${key.userId}:${key.personId}:${key.form}` : null;
  const metaJson = JSON.stringify(meta);

  useEffect(() => {
    if (!key) return;
    if (dirty) drafts.save(key, JSON.parse(json) as T, JSON.parse(metaJson) as unknown);
    else drafts.clear(key);
    // keyString stands for key (a new object each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keyString, json, dirty, metaJson]);
  useDirty(dirty);

  return {
    values,
    setValues,
    meta,
    setMeta,
    restored,
    dirty,
    saved() {
      if (key) drafts.clear(key);
      setSavedJson(json);
      setRestored(null);
    },
    discard() {
      if (key) drafts.clear(key);
      setRestored(null);
      setValues(pristine);
      setMeta(initialMeta);
      unsaved.reset();
    },
  };
}

/** Whether a draft of this form waits (to reopen a form that is closed by default). */
export function useHasDraft(form: string, personId: string): boolean {
  const userId = useMe().data?.user.id ?? null;
  const [has] = useState(() => (userId ? drafts.load({ userId, personId, form }) !== null : false));
  return has;
}

/** The notice above a form whose draft was restored, with a way to drop it. */
export function DraftNotice({ draft, what }: { draft: Pick<FormDraft<unknown, unknown>, "restored" | "discard">; what: string }) {
  if (!draft.restored) return null;
  return (
    <div className={fr.cx("fr-alert", "fr-alert--info", "fr-alert--sm", "fr-mb-3w")} role="status" data-testid="draft-restored">
      <p>
        Brouillon {what} repris, saisi le {formatDateTime(draft.restored.saved_at)} sur cet appareil et pas encore
        enregistré.{" "}
        <Button type="button" priority="tertiary no outline" size="small" onClick={() => draft.discard()}>
          Abandonner le brouillon
        </Button>
      </p>
    </div>
  );
}
