// The access log as the team reads it: one line per visit, in French (who, which structure, when,
// what was viewed or changed, why), filtered by period and professional. The raw rows stay in the
// database; the sentences come from the server (common/domain/access-log.ts).
import { useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDateTime, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { PAGE_SIZE, useAccessLog } from "./api.ts";

const timeFormat = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit" });

/** "12 mars 2026 à 10:02 (jusqu'à 10:15)" */
function visitTime(started: string, ended: string): string {
  const from = formatDateTime(started);
  if (started === ended) return from;
  const a = new Date(started);
  const b = new Date(ended);
  return a.toDateString() === b.toDateString() ? `${from} (jusqu'à ${timeFormat.format(b)})` : `${from} (jusqu'au ${formatDateTime(ended)})`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function AccessLogTab({ personId }: { personId: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const pageParam = Number(searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const from = DATE.test(searchParams.get("du") ?? "") ? searchParams.get("du")! : undefined;
  const to = DATE.test(searchParams.get("au") ?? "") ? searchParams.get("au")! : undefined;
  const userId = searchParams.get("qui") || undefined;
  const log = useAccessLog(personId, { page, from, to, user_id: userId }, true);
  const pageCount = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE_SIZE));

  const withParam = (key: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    setSearchParams(next, { replace: true });
  };
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
      <p>
        Chaque consultation et chaque modification du dossier est enregistrée. Une ligne par visite : qui, de quelle structure, quand, ce qui a été consulté ou
        modifié, et à quel titre.
      </p>
      <div className="spie-filters" role="group" aria-label="Filtrer le journal">
        <Input label="Du" nativeInputProps={{ type: "date", value: from ?? "", max: to, onChange: (e) => withParam("du", e.target.value) }} />
        <Input label="Au" nativeInputProps={{ type: "date", value: to ?? "", min: from, onChange: (e) => withParam("au", e.target.value) }} />
        <Select label="Professionnel·le" nativeSelectProps={{ value: userId ?? "", onChange: (e) => withParam("qui", e.target.value) }}>
          <option value="">Tout le monde</option>
          {(log.data?.viewers ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </Select>
      </div>
      {log.isPending ? (
        <Loading label="Chargement du journal…" />
      ) : log.isError ? (
        <ProblemAlert error={log.error} />
      ) : log.data.items.length === 0 ? (
        <p>Aucun accès enregistré{from || to || userId ? " pour ces critères" : ""}.</p>
      ) : (
        <>
          <p role="status" className={fr.cx("fr-text--sm")}>
            {plural(log.data.total, "visite", "visites")}
            {pageCount > 1 && ` — page ${page} sur ${pageCount}`}
          </p>
          <DataTable
            caption="Visites du dossier, de la plus récente à la plus ancienne"
            hideCaption
            testId="access-log-table"
            stacked
            headers={["Quand", "Qui", "Ce qui a été fait", "À quel titre"]}
            rows={log.data.items.map((visit) => ({
              key: visit.id,
              cells: [
                visitTime(visit.started_at, visit.ended_at),
                <>
                  {visit.user.name}
                  {visit.structure_name && (
                    <>
                      <br />
                      <span className={fr.cx("fr-text--xs")}>{visit.structure_name}</span>
                    </>
                  )}
                </>,
                visit.summary.charAt(0).toUpperCase() + visit.summary.slice(1),
                visit.reason_label.charAt(0).toUpperCase() + visit.reason_label.slice(1),
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
