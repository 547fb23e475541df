// The one unsaved-changes guard of the app (in the layout): while a form holds unsaved changes,
// leaving it — another tab of the file, a link, the browser's back button — asks first (DSFR modal),
// and closing or reloading the page triggers the browser's own confirmation (beforeunload).
// Forms need no code for it: see shared/unsavedChanges.ts.
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { useBlocker, type BlockerFunction } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { createModal } from "@codegouvfr/react-dsfr/Modal/index.js";
import { useIsModalOpen } from "@codegouvfr/react-dsfr/Modal/useIsModalOpen.js";
import { discloseWhenReady } from "../dsfr/modal.ts";
import { GUARD_OFF_ATTRIBUTE, leavesForm, unsaved } from "./unsavedChanges.ts";

const modal = createModal({ id: "spie-modifications-non-enregistrees", isOpenedByDefault: false });

/** Marks a form dirty on a user's input, and notes its submits (the DOM side of the registry). */
function useFormWatcher() {
  useEffect(() => {
    const formOf = (target: EventTarget | null): HTMLFormElement | null => {
      if (!(target instanceof Element)) return null;
      const form = target instanceof HTMLFormElement ? target : target.closest("form");
      // A search holds nothing to lose.
      if (!form || form.getAttribute("role") === "search" || form.closest(`[${GUARD_OFF_ATTRIBUTE}="off"]`)) return null;
      return form;
    };
    const onEdit = (event: Event) => {
      // Only what the user does: React's own value updates fire no input event.
      if (!event.isTrusted) return;
      const form = formOf(event.target);
      if (form) unsaved.formEdited(form);
    };
    const onSubmit = (event: Event) => {
      const form = formOf(event.target);
      if (form) unsaved.formSubmitted(form);
    };
    document.addEventListener("input", onEdit, true);
    document.addEventListener("change", onEdit, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("input", onEdit, true);
      document.removeEventListener("change", onEdit, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, []);
}

export function useHasUnsavedChanges(): boolean {
  return useSyncExternalStore(unsaved.subscribe, () => unsaved.isDirty());
}

export function UnsavedChangesGuard() {
  useFormWatcher();
  const dirty = useHasUnsavedChanges();

  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => unsaved.isDirty() && leavesForm(currentLocation, nextLocation),
    [],
  );
  const blocker = useBlocker(shouldBlock);
  // The modal's callbacks (DSFR events) read the blocker of the last render.
  const blockerRef = useRef(blocker);
  useEffect(() => {
    blockerRef.current = blocker;
    if (blocker.state !== "blocked") return;
    // The DSFR may refuse while it has not taken the modal in (dsfr/modal.ts): tried again for 2 s,
    // after which the user simply stays on the form (nothing is lost).
    return discloseWhenReady(modal.id, { onGiveUp: () => blockerRef.current.state === "blocked" && blockerRef.current.reset() });
  }, [blocker]);

  // Escape, the close button or the backdrop: stay.
  useIsModalOpen(modal, {
    onConceal: () => {
      if (blockerRef.current.state === "blocked") blockerRef.current.reset();
    },
  });

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved.isDirty()) return;
      event.preventDefault();
      // Older browsers need a returnValue to ask.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  return (
    <modal.Component
      title="Quitter sans enregistrer ?"
      iconId="fr-icon-warning-line"
      concealingBackdrop
      buttons={[
        {
          children: "Rester et enregistrer",
          priority: "primary",
          onClick: () => {
            if (blockerRef.current.state === "blocked") blockerRef.current.reset();
          },
        },
        {
          children: "Quitter sans enregistrer",
          priority: "secondary",
          onClick: () => {
            if (blockerRef.current.state !== "blocked") return;
            unsaved.reset();
            blockerRef.current.proceed();
          },
        },
      ]}
    >
      <p className={fr.cx("fr-mb-1w")} data-testid="unsaved-guard">
        Des saisies de cette page ne sont pas enregistrées : si vous quittez maintenant, elles ne seront pas envoyées.
      </p>
      <p className={fr.cx("fr-text--sm")}>
        Le brouillon d'un diagnostic, d'un contrat ou d'une note reste gardé sur cet appareil jusqu'à son enregistrement
        (12 heures au plus).
      </p>
    </modal.Component>
  );
}
