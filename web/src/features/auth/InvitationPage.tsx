// The page of an invitation link: which structure and role; a new account chooses its password and
// lands signed in; an existing account accepts while signed in as itself. The server decides.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { MEMBERSHIP_ROLE_LABELS } from "../../../../common/domain/roles.ts";
import { invitationAcceptBody } from "../../../../common/schemas/invitations.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { formatDateTime } from "../../shared/format.ts";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useAcceptInvitation, useInvitation } from "./accountApi.ts";
import { useMe } from "./api.ts";
import { NEW_PASSWORD_FIELDS, NewPasswordInputs } from "./PasswordPages.tsx";

const FIELDS: Record<string, FormField> = { name: { id: "invitation-nom", label: "Nom et prénom" }, ...NEW_PASSWORD_FIELDS };

export function InvitationPage() {
  const { token = "" } = useParams();
  const invitation = useInvitation(token);
  const me = useMe();
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();
  useDocumentTitle(invitation.data ? `Invitation à rejoindre ${invitation.data.structure.name}` : "Invitation");
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  if (invitation.isPending || me.isPending) return <Loading />;
  if (invitation.isError) {
    return (
      <Column>
        <h1>Invitation</h1>
        <ProblemAlert error={invitation.error} className={fr.cx("fr-mb-4w")} />
        <Link to="/connexion" className={fr.cx("fr-link")}>
          Aller à la page de connexion
        </Link>
      </Column>
    );
  }
  const data = invitation.data;
  const signedInAs = me.data?.user.email ?? null;
  const nameValue = name ?? data.name ?? "";

  const fail = (fieldErrors: FieldErrors, message: string | null = null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };
  const onError = (error: Error) => {
    failWithApiError(error, fail);
  };
  const done = () => navigate("/", { replace: true });

  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(invitationAcceptBody, { password, name: nameValue.trim() || undefined });
    const fieldErrors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (!nameValue.trim()) fieldErrors.name = "Indiquez votre nom et prénom.";
    if (password !== confirmation) fieldErrors.confirmation = "Les deux mots de passe saisis sont différents.";
    if (!result.ok || Object.keys(fieldErrors).length > 0) return fail(fieldErrors);
    accept.mutate(result.data, { onSuccess: done, onError });
  };

  return (
    <Column>
      <h1>Invitation à rejoindre {data.structure.name}</h1>
      <p>
        Vous êtes invité·e à rejoindre <strong>{data.structure.name}</strong> sur spie avec le rôle{" "}
        <strong>{MEMBERSHIP_ROLE_LABELS[data.role]}</strong>, à l'adresse <strong>{data.email}</strong>. Invitation valable
        jusqu'au {formatDateTime(data.expires_at)}.
      </p>
      <ErrorSummary errors={errors} fields={FIELDS} formError={formError} focusKey={focusKey} id="invitation-erreurs" />
      {data.account_exists ? (
        signedInAs === data.email ? (
          <Button disabled={accept.isPending} onClick={() => accept.mutate({}, { onSuccess: done, onError })}>
            Accepter l'invitation
          </Button>
        ) : signedInAs ? (
          <Alert severity="warning" small role={undefined} description={`Vous êtes connecté·e avec le compte ${signedInAs}. Déconnectez-vous, puis connectez-vous avec le compte ${data.email} pour accepter l'invitation.`} />
        ) : (
          <>
            <p>Un compte existe déjà pour cette adresse : connectez-vous avec ce compte pour accepter l'invitation.</p>
            <Link to={`/connexion?retour=${encodeURIComponent(`/invitation/${token}`)}`} className={fr.cx("fr-btn")}>
              Se connecter pour accepter
            </Link>
          </>
        )
      ) : signedInAs ? (
        <Alert severity="warning" small role={undefined} description={`Vous êtes connecté·e avec le compte ${signedInAs}. Déconnectez-vous pour créer le compte ${data.email}.`} />
      ) : (
        <section aria-labelledby="invitation-compte">
          <h2 id="invitation-compte">Créer votre compte</h2>
          <form onSubmit={onCreate} noValidate aria-labelledby="invitation-compte">
            <Input
              label="Nom et prénom"
              {...errorState(errorFor(errors, "name"))}
              nativeInputProps={{ id: FIELDS.name?.id, autoComplete: "name", required: true, value: nameValue, onChange: (e) => setName(e.target.value) }}
            />
            <NewPasswordInputs password={password} confirmation={confirmation} onPassword={setPassword} onConfirmation={setConfirmation} errors={errors} label="Mot de passe" />
            <Button type="submit" disabled={accept.isPending}>
              Accepter l'invitation et créer mon compte
            </Button>
          </form>
        </section>
      )}
    </Column>
  );
}

function Column({ children }: { children: React.ReactNode }) {
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center", "fr-my-6w")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>{children}</div>
    </div>
  );
}
