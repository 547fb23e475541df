import { useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination.js";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDateTime, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { PAGE_SIZE, useAccessLog } from "./api.ts";

/** Labels of the usual access-log actions; unknown codes are shown as sent. */
const ACTION_LABELS: Record<string, string> = {
  read: "Consultation",
  view: "Consultation",
  create: "Création",
  update: "Modification",
  delete: "Suppression",
  export: "Export",
};

export function AccessLogTab({ personId }: { personId: string }) {
  const [searchParams] = useSearchParams();
  const pageParam = Number(searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const log = useAccessLog(personId, page, true);
  const pageCount = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE_SIZE));

  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams);
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    return { search: `?${next.toString()}` };
  };

  return (
    <section aria-labelledby="acces-titre">
      <h2 id="acces-titre" className={fr.cx("fr-h3")}>
        Journal des accès
      </h2>
      <p>Chaque consultation et chaque modification du dossier est enregistrée : qui, quand, quoi et pourquoi.</p>
      {log.isPending ? (
        <Loading label="Chargement du journal…" />
      ) : log.isError ? (
        <ProblemAlert error={log.error} />
      ) : log.data.items.length === 0 ? (
        <p>Aucun accès enregistré.</p>
      ) : (
        <>
          <p role="status" className={fr.cx("fr-text--sm")}>
            {plural(log.data.total, "accès enregistré", "accès enregistrés")}
            {pageCount > 1 && ` — page ${page} sur ${pageCount}`}
          </p>
          <DataTable
            caption="Accès au dossier, du plus récent au plus ancien"
            hideCaption
            testId="access-log-table"
          stacked
            headers={["Date", "Qui", "Action", "Donnée", "Motif"]}
            rows={log.data.items.map((entry) => ({
              key: entry.id,
              cells: [
                formatDateTime(entry.at),
                <>
                  {entry.user_name}
                  {entry.structure_name && (
                    <>
                      <br />
                      <span className={fr.cx("fr-text--xs")}>{entry.structure_name}</span>
                    </>
                  )}
                </>,
                ACTION_LABELS[entry.action] ?? entry.action,
                entry.resource,
                entry.reason,
              ],
            }))}
          />
          {pageCount > 1 && (
            <Pagination count={pageCount} defaultPage={Math.min(page, pageCount)} getPageLinkProps={(target) => ({ to: pageLink(target) })} />
          )}
        </>
      )}
    </section>
  );
}
