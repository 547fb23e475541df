import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { MODES_ACCUEIL, referentialLabel, thematiqueLabel } from "../../../../common/domain/directory.ts";
import { THEMATIC_LABELS } from "../../../../common/domain/thematics.ts";
import { formatDate } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useService, useSuggestCorrection } from "./api.ts";
import { ContactLines, OpeningHours } from "./Contact.tsx";
import { addressLine, mobilisationText, publicsText, ServiceBadges } from "./ServiceCard.tsx";
import { isWebUrl } from "../../../../common/domain/text.ts";

export function ServicePage() {
  const { id = "" } = useParams();
  const query = useService(id);
  useDocumentTitle(query.data?.nom ?? "Service");
  if (query.isPending) return <Loading label="Chargement du service…" />;
  if (query.isError) return <ProblemAlert error={query.error} className="fr-my-4w" />;
  const s = query.data;
  const address = addressLine(s);
  const mobilisation = mobilisationText(s);
  return (
    <>
      <p className={fr.cx("fr-mb-2w")}>
        <Link className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")} to="/annuaire" onClick={(e) => {
          if (window.history.length > 1) {
            e.preventDefault();
            window.history.back();
          }
        }}>
          Retour aux résultats
        </Link>
      </p>
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-1w")}>{s.nom}</h1>
        {s.permissions.update && (
          <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: `/annuaire/services/${s.id}/modifier` }}>
            Modifier le service
          </Button>
        )}
        {s.permissions.suggest && (
          <Button iconId="fr-icon-send-plane-line" linkProps={{ to: `/orientations/nouvelle?service_id=${s.id}` }}>
            Orienter vers ce service
          </Button>
        )}
      </div>
      <p>
        Proposé par <Link to={`/annuaire/structures/${s.structure.id}`}>{s.structure.nom}</Link>
      </p>
      <ServiceBadges service={s} />
      <p className="spie-pre-line">{s.description}</p>

      <h2 className={fr.cx("fr-h4")}>En pratique</h2>
      <dl className="spie-dl">
        <dt>Adresse</dt>
        <dd>{address ?? "Non précisée"}</dd>
        <dt>Accueil</dt>
        <dd>{s.modes_accueil.length ? s.modes_accueil.map((m) => referentialLabel(MODES_ACCUEIL, m)).join(", ") : "Non précisé"}</dd>
        <dt>Horaires d'accueil</dt>
        <dd>{s.horaires_accueil ? <OpeningHours value={s.horaires_accueil} /> : "Non précisés"}</dd>
        <dt>Contact</dt>
        <dd>
          {[s.contact_nom_prenom, s.telephone, s.courriel].filter(Boolean).length === 0 && "Non précisé"}
          {s.contact_nom_prenom && <span className="spie-line">{s.contact_nom_prenom}</span>}
          <ContactLines telephone={s.telephone} courriel={s.courriel} />
        </dd>
        <dt>Comment mobiliser ce service</dt>
        <dd>
          {mobilisation ?? "Contactez la structure."}
          {s.mobilisation_precisions && <span className="spie-line">{s.mobilisation_precisions}</span>}
          {isWebUrl(s.lien_mobilisation) && (
            <span className="spie-line">
              <a href={s.lien_mobilisation} target="_blank" rel="noopener noreferrer" title={`Mobiliser le service en ligne — nouvelle fenêtre`}>
                Mobiliser le service en ligne
              </a>
            </span>
          )}
        </dd>
        <dt>Publics</dt>
        <dd>
          {publicsText(s.publics)}
          {s.publics_precisions && <span className="spie-line">{s.publics_precisions}</span>}
        </dd>
        {s.conditions_acces && (
          <>
            <dt>Conditions d'accès</dt>
            <dd>{s.conditions_acces}</dd>
          </>
        )}
        {s.frais_precisions && (
          <>
            <dt>Frais</dt>
            <dd>{s.frais_precisions}</dd>
          </>
        )}
        <dt>Thématiques</dt>
        <dd>{s.thematiques.length ? s.thematiques.map((t) => thematiqueLabel(t)).join(", ") : "Non précisées"}</dd>
        {s.spie_thematiques.length > 0 && (
          <>
            <dt>Thématiques SPIE</dt>
            <dd>{s.spie_thematiques.map((t) => THEMATIC_LABELS[t]).join(", ")}</dd>
          </>
        )}
        {(s.volume_horaire_hebdomadaire !== null || s.nombre_semaines !== null) && (
          <>
            <dt>Durée</dt>
            <dd>
              {[s.volume_horaire_hebdomadaire !== null ? `${s.volume_horaire_hebdomadaire.toLocaleString("fr-FR")} h par semaine` : null, s.nombre_semaines !== null ? `${s.nombre_semaines} semaine(s)` : null].filter(Boolean).join(", ")}
            </dd>
          </>
        )}
        <dt>Dernière mise à jour</dt>
        <dd>
          {formatDate(s.date_maj)}
          {s.source !== "spie" && <span className="spie-line spie-muted">Source : {s.source}</span>}
        </dd>
      </dl>
      {s.permissions.suggest && !s.permissions.update && <SuggestForm serviceId={s.id} />}
    </>
  );
}

function SuggestForm({ serviceId }: { serviceId: string }) {
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | undefined>();
  const suggest = useSuggestCorrection(serviceId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (message.trim().length < 10) {
      setError("Décrivez la correction en 10 caractères au moins.");
      return;
    }
    setError(undefined);
    suggest.mutate(message.trim(), { onSuccess: () => setMessage("") });
  };
  return (
    <section aria-labelledby="suggestion-titre" className={fr.cx("fr-mt-4w")}>
      <h2 id="suggestion-titre" className={fr.cx("fr-h5")}>
        Une information est inexacte ?
      </h2>
      {suggest.isSuccess && <Alert severity="success" small description="Merci : votre suggestion a été transmise aux administrateurs de la structure." className={fr.cx("fr-mb-2w")} />}
      {suggest.isError && <ProblemAlert error={suggest.error} className={fr.cx("fr-mb-2w")} />}
      <form onSubmit={submit} noValidate>
        <Input
          label="Suggérer une correction"
          hintText="Ce message est transmis aux administrateurs de la structure. N'y écrivez aucune information sur une personne."
          textArea
          state={error ? "error" : "default"}
          stateRelatedMessage={error}
          nativeTextAreaProps={{ id: "suggestion", value: message, rows: 3, onChange: (e) => setMessage(e.target.value) }}
        />
        <Button type="submit" priority="secondary" disabled={suggest.isPending}>
          Envoyer la suggestion
        </Button>
      </form>
    </section>
  );
}
