// Platform admins' home: the territories and the structures of the platform, to create and edit.
import { useState } from "react";
import { Link } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { DataTable } from "../../shared/DataTable.tsx";
import { plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useStructureList } from "../structures/api.ts";
import { useTerritories } from "./api.ts";

export function AdminHomePage() {
  useDocumentTitle("Administration");
  const territories = useTerritories();
  const [q, setQ] = useState("");
  const structures = useStructureList(q);
  return (
    <>
      <h1>Administration de la plateforme</h1>
      <section aria-labelledby="admin-territoires" className={fr.cx("fr-mb-6w")}>
        <div className="spie-page-heading">
          <h2 id="admin-territoires">Territoires</h2>
          <Button linkProps={{ to: "/territoires/nouveau" }} iconId="fr-icon-add-line">
            Créer un territoire
          </Button>
        </div>
        {territories.isPending ? (
          <Loading label="Chargement des territoires…" />
        ) : territories.isError ? (
          <ProblemAlert error={territories.error} />
        ) : territories.data.length === 0 ? (
          <p data-testid="no-territory">Aucun territoire pour l'instant. Créez le premier : son nom et son périmètre (département, EPCI, communes…).</p>
        ) : (
          <DataTable
            caption="Territoires de la plateforme"
            hideCaption
            rowHeaders
            stacked
            testId="territories-table"
            headers={["Territoire", "Périmètre"]}
            rows={territories.data.map((t) => ({
              key: t.id,
              cells: [<Link to={`/territoires/${t.id}`}>{t.name}</Link>, t.perimeter.map((p) => `${p.name} (${p.code})`).join(", ")],
            }))}
          />
        )}
      </section>
      <section aria-labelledby="admin-structures">
        <div className="spie-page-heading">
          <h2 id="admin-structures">Structures</h2>
          <Button linkProps={{ to: "/structures/nouvelle" }} iconId="fr-icon-add-line">
            Créer une structure
          </Button>
        </div>
        <Input label="Filtrer les structures" nativeInputProps={{ id: "filtre-structures", type: "search", value: q, onChange: (e) => setQ(e.target.value) }} />
        {structures.isPending ? (
          <Loading label="Chargement des structures…" />
        ) : structures.isError ? (
          <ProblemAlert error={structures.error} />
        ) : (
          <>
            <p role="status">{plural(structures.data.total, "structure", "structures")}</p>
            {structures.data.items.length > 0 && (
              <DataTable
                caption="Structures de la plateforme"
                hideCaption
                rowHeaders
                stacked
                testId="structures-table"
                headers={["Structure", "Territoire", "Statut"]}
                rows={structures.data.items.map((s) => ({
                  key: s.id,
                  cells: [<Link to={`/structures/${s.id}`}>{s.name}</Link>, s.territory?.name ?? "—", s.deactivated_at ? "Désactivée" : "Active"],
                }))}
              />
            )}
          </>
        )}
      </section>
    </>
  );
}
