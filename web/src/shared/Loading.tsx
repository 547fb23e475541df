import { fr } from "@codegouvfr/react-dsfr";

/** A polite loading message, announced once by screen readers. */
export function Loading({ label = "Chargement…" }: { label?: string }) {
  return (
    <p className={fr.cx("fr-my-4w")} role="status" aria-live="polite">
      {label}
    </p>
  );
}
