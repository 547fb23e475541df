// A printable list of search results (up to 100), to hand to a person: compact, no filters.
import { Link, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { thematiqueLabel } from "../../../../common/domain/directory.ts";
import { openingHoursFr } from "../../../../common/domain/opening-hours.ts";
import { formatDate, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useServiceSearch } from "./searchApi.ts";
import { searchLinkQuery } from "./searchLink.ts";
import { addressLine, mobilisationText } from "./ServiceCard.tsx";

export function PrintableResultsPage() {
  useDocumentTitle("Liste de services à imprimer");
  const [params] = useSearchParams();
  const search = useServiceSearch({ ...searchLinkQuery(params, 100), page: 1 });
  const criteria = [params.get("commune"), params.get("thematiques") ? thematiqueLabel(params.get("thematiques")!) : null, params.get("q")].filter(Boolean).join(" · ");
  return (
    <div className="spie-printable">
      <div className="spie-page-heading spie-no-print">
        <Link className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")} to={`/annuaire?${params.toString()}`}>
          Retour à la recherche
        </Link>
        <Button iconId="fr-icon-printer-line" onClick={() => window.print()}>
          Imprimer
        </Button>
      </div>
      <h1 className={fr.cx("fr-h3")}>Services{criteria ? ` — ${criteria}` : ""}</h1>
      {search.isPending ? (
        <Loading label="Chargement…" />
      ) : search.isError ? (
        <ProblemAlert error={search.error} />
      ) : (
        <>
          <p>
            {plural(search.data.total, "service", "services")}
            {search.data.total > 100 ? " (les 100 premiers)" : ""} — liste établie le {formatDate(new Date().toISOString())}.
          </p>
          <ol className="spie-print-list">
            {search.data.items.map((s) => (
              <li key={s.id}>
                <h2 className={fr.cx("fr-h6", "fr-mb-0")}>{s.nom}</h2>
                <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
                  {s.structure.nom}
                  {s.remote ? " · à distance" : ""}
                  <br />
                  {addressLine(s) ?? ""}
                  {s.telephone ? ` · ${s.telephone}` : ""}
                  {s.courriel ? ` · ${s.courriel}` : ""}
                  {s.horaires_accueil && (
                    <>
                      <br />
                      Horaires : {openingHoursFr(s.horaires_accueil)}
                    </>
                  )}
                  <br />
                  {mobilisationText(s) ?? ""}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
