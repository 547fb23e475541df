// Pieces shared by the printable documents of a file (portrait, contract): the breadcrumb back to
// the file's tab, and the print / PDF buttons (hidden when printing).
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";

export function DocumentBreadcrumb({ personId, personName, tab, current }: { personId: string; personName: string | null; tab: string; current: string }) {
  return (
    <Breadcrumb
      homeLinkProps={{ to: "/" }}
      segments={[
        { label: "Mes personnes", linkProps: { to: "/personnes" } },
        { label: personName ?? "Dossier", linkProps: { to: `/personnes/${personId}?onglet=${tab}` } },
      ]}
      currentPageLabel={current}
    />
  );
}

export function PrintActions({ pdfHref }: { pdfHref: string }) {
  return (
    <ul className={`${fr.cx("fr-btns-group", "fr-btns-group--inline-md")} spie-no-print`}>
      <li>
        <Button iconId="fr-icon-printer-line" onClick={() => window.print()}>
          Imprimer
        </Button>
      </li>
      <li>
        <a className={fr.cx("fr-btn", "fr-btn--secondary")} href={pdfHref} target="_blank" rel="noopener">
          Télécharger en PDF<span className={fr.cx("fr-sr-only")}> (nouvelle fenêtre)</span>
        </a>
      </li>
    </ul>
  );
}
