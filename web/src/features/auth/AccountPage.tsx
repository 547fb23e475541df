import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { MEMBERSHIP_ROLE_LABELS } from "../../../../common/domain/roles.ts";
import { changePasswordBody } from "../../../../common/schemas/auth.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useNavigate } from "react-router";
import { formatDateTime } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useChangePassword, useEndSession, useSessions } from "./accountApi.ts";
import { useCurrentUser } from "./api.ts";

export function AccountPage() {
  useDocumentTitle("Mon compte");
  const me = useCurrentUser();

  return (
    <>
      <h1>Mon compte</h1>
      <section aria-labelledby="compte-identite" className={fr.cx("fr-mb-6w")}>
        <h2 id="compte-identite">Identité</h2>
        <dl className="spie-dl">
          <dt>Nom</dt>
          <dd data-testid="account-name">{me.user.name}</dd>
          <dt>Adresse électronique</dt>
          <dd>{me.user.email}</dd>
        </dl>
      </section>

      <section aria-labelledby="compte-rattachements" className={fr.cx("fr-mb-6w")}>
        <h2 id="compte-rattachements">Mes rattachements</h2>
        {me.memberships.length === 0 ? (
          <p>Vous n'êtes rattaché·e à aucune structure.</p>
        ) : (
          <DataTable
            caption="Structures auxquelles vous êtes rattaché·e"
            stacked
            rowHeaders
            headers={["Structure", "Rôle", "Territoire"]}
            rows={me.memberships.map((m) => ({
              key: m.id,
              cells: [m.structure.name, MEMBERSHIP_ROLE_LABELS[m.role], m.territory?.name ?? "—"],
            }))}
          />
        )}
      </section>

      <ChangePasswordForm />
      <SessionsSection />
    </>
  );
}

function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSession();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="compte-sessions" className={fr.cx("fr-mb-6w")}>
      <h2 id="compte-sessions">Mes sessions</h2>
      <p>Les navigateurs où votre compte est connecté. Fermez une session que vous ne reconnaissez pas, puis changez de mot de passe.</p>
      <div role="status" aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className={fr.cx("fr-mb-3w")} role={undefined} />}
      </div>
      {end.isError && <ProblemAlert error={end.error} className={fr.cx("fr-mb-3w")} />}
      {sessions.isPending ? (
        <Loading label="Chargement des sessions…" />
      ) : sessions.isError ? (
        <ProblemAlert error={sessions.error} />
      ) : (
        <DataTable
          caption="Mes sessions ouvertes"
          hideCaption
          testId="sessions-table"
          stacked
          rowHeaders
          headers={["Navigateur", "Ouverte le", "Dernière activité", "Action"]}
          rows={sessions.data.map((s) => ({
            key: s.id,
            testId: "session-row",
            cells: [
              <>
                {s.user_agent ?? "Inconnu"}
                {s.current && (
                  <>
                    {" "}
                    <span className={fr.cx("fr-badge", "fr-badge--sm", "fr-badge--info")}>Cette session</span>
                  </>
                )}
              </>,
              formatDateTime(s.created_at),
              formatDateTime(s.last_seen_at),
              <Button
                key="end"
                size="small"
                priority="secondary"
                disabled={end.isPending}
                onClick={() =>
                  end.mutate(s.id, {
                    onSuccess: () => {
                      if (s.current) navigate("/connexion", { replace: true });
                      else setNotice("La session a été fermée.");
                    },
                  })
                }
              >
                {s.current ? "Me déconnecter" : "Fermer la session"}
                <span className={fr.cx("fr-sr-only")}> ouverte le {formatDateTime(s.created_at)}</span>
              </Button>,
            ],
          }))}
        />
      )}
    </section>
  );
}

const PASSWORD_FIELDS: Record<string, FormField> = {
  current_password: { id: "password-current", label: "Mot de passe actuel" },
  new_password: { id: "password-new", label: "Nouveau mot de passe" },
  confirmation: { id: "password-confirmation", label: "Confirmer le mot de passe" },
};

function ChangePasswordForm() {
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState(false);

  const fail = (fieldErrors: FieldErrors, message: string | null = null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const result = validate(changePasswordBody, { current_password: current, new_password: next });
    const fieldErrors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (next !== confirmation) fieldErrors.confirmation = "Les deux mots de passe saisis sont différents.";
    if (!result.ok || Object.keys(fieldErrors).length > 0) return fail(fieldErrors);
    change.mutate(result.data, {
      onSuccess: () => {
        setErrors({});
        setFormError(null);
        setCurrent("");
        setNext("");
        setConfirmation("");
        setDone(true);
      },
      onError: (error) => {
        failWithApiError(error, fail);
      },
    });
  };

  return (
    <section aria-labelledby="compte-mot-de-passe" className={fr.cx("fr-mb-6w")}>
      <h2 id="compte-mot-de-passe">Changer de mot de passe</h2>
      <div className={fr.cx("fr-grid-row")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
          {done && (
            <Alert
              severity="success"
              small
              description="Votre mot de passe a été modifié."
              role="status"
              className={fr.cx("fr-mb-3w")}
            />
          )}
          <ErrorSummary errors={errors} fields={PASSWORD_FIELDS} formError={formError} focusKey={focusKey} id="password-errors" />
          <form onSubmit={onSubmit} noValidate aria-labelledby="compte-mot-de-passe">
            <Input
              label="Mot de passe actuel"
              {...errorState(errorFor(errors, "current_password"))}
              nativeInputProps={{
                id: PASSWORD_FIELDS.current_password?.id,
                type: "password",
                autoComplete: "current-password",
                required: true,
                value: current,
                onChange: (e) => setCurrent(e.target.value),
              }}
            />
            <Input
              label="Nouveau mot de passe"
              hintText="12 caractères au moins. Une phrase de plusieurs mots est plus sûre et plus facile à retenir."
              {...errorState(errorFor(errors, "new_password"))}
              nativeInputProps={{
                id: PASSWORD_FIELDS.new_password?.id,
                type: "password",
                autoComplete: "new-password",
                required: true,
                minLength: 12,
                value: next,
                onChange: (e) => setNext(e.target.value),
              }}
            />
            <Input
              label="Confirmer le mot de passe"
              {...errorState(errorFor(errors, "confirmation"))}
              nativeInputProps={{
                id: PASSWORD_FIELDS.confirmation?.id,
                type: "password",
                autoComplete: "new-password",
                required: true,
                value: confirmation,
                onChange: (e) => setConfirmation(e.target.value),
              }}
            />
            <Button type="submit" disabled={change.isPending}>
              Changer le mot de passe
            </Button>
          </form>
        </div>
      </div>
    </section>
  );
}
