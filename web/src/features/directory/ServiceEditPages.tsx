import { useNavigate, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCreateService, useDirectoryStructure, useService, useUpdateService } from "./api.ts";
import { formValues, ServiceForm } from "./ServiceForm.tsx";

export function ServiceCreatePage() {
  const { id = "" } = useParams();
  useDocumentTitle("Nouveau service");
  const structure = useDirectoryStructure(id);
  const create = useCreateService(id);
  const navigate = useNavigate();
  if (structure.isPending) return <Loading />;
  if (structure.isError) return <ProblemAlert error={structure.error} className="fr-my-4w" />;
  return (
    <>
      <h1 id="service-form-title">Nouveau service</h1>
      <p className={fr.cx("fr-text--lead")}>{structure.data.nom}</p>
      <ServiceForm
        initial={formValues()}
        preview={{ structure: { id, nom: structure.data.nom } }}
        submitLabel="Créer le service"
        pending={create.isPending}
        serverError={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: (created) => navigate(`/annuaire/services/${created.id}`) })}
      />
    </>
  );
}

export function ServiceEditPage() {
  const { id = "" } = useParams();
  const query = useService(id);
  const update = useUpdateService(id);
  const navigate = useNavigate();
  useDocumentTitle(query.data ? `Modifier ${query.data.nom}` : "Modifier un service");
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} className="fr-my-4w" />;
  const s = query.data;
  return (
    <>
      <h1 id="service-form-title">Modifier le service</h1>
      <p className={fr.cx("fr-text--lead")}>{s.structure.nom}</p>
      {s.source !== "spie" && (
        <p className={fr.cx("fr-text--sm")}>Ce service a été importé depuis « {s.source} » : un nouvel import de cette source remplacera vos modifications.</p>
      )}
      <ServiceForm
        initial={formValues(s)}
        preview={{ structure: s.structure }}
        submitLabel="Enregistrer"
        pending={update.isPending}
        serverError={update.error}
        onSubmit={(body) => update.mutate(body, { onSuccess: () => navigate(`/annuaire/services/${id}`) })}
      />
    </>
  );
}
