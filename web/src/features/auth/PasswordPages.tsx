// "Mot de passe oublié" (ask for a link by e-mail) and the page of the link (choose a new password).
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { passwordResetBody, passwordResetRequestBody } from "../../../../common/schemas/auth.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useRequestPasswordReset, useResetPassword } from "./accountApi.ts";

function Column({ children }: { children: React.ReactNode }) {
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center", "fr-my-6w")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>{children}</div>
    </div>
  );
}

const FORGOT_FIELDS: Record<string, FormField> = { email: { id: "oubli-email", label: "Adresse électronique" } };

export function ForgotPasswordPage() {
  useDocumentTitle("Mot de passe oublié");
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusKey, setFocusKey] = useState(0);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(passwordResetRequestBody, { email: email.trim() });
    if (!result.ok) {
      setErrors(result.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setErrors({});
    request.mutate(result.data);
  };

  return (
    <Column>
      <h1>Mot de passe oublié</h1>
      <div role="status" aria-live="polite">
        {request.isSuccess && <Alert severity="success" title="Demande enregistrée" as="h2" description={request.data.detail} className={fr.cx("fr-mb-4w")} role={undefined} />}
      </div>
      {request.isError && <Alert severity="error" title="La demande n'a pas abouti" as="h2" description={request.error.message} className={fr.cx("fr-mb-4w")} role="alert" />}
      {!request.isSuccess && (
        <>
          <p>Indiquez l'adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe, valable une heure.</p>
          <ErrorSummary errors={errors} fields={FORGOT_FIELDS} focusKey={focusKey} id="oubli-erreurs" />
          <form onSubmit={onSubmit} noValidate aria-label="Mot de passe oublié">
            <Input
              label="Adresse électronique"
              hintText="Format attendu : nom@domaine.fr"
              {...errorState(errorFor(errors, "email"))}
              nativeInputProps={{ id: FORGOT_FIELDS.email?.id, type: "email", autoComplete: "username", required: true, value: email, onChange: (e) => setEmail(e.target.value) }}
            />
            <Button type="submit" disabled={request.isPending}>
              Recevoir le lien
            </Button>
          </form>
        </>
      )}
      <p className={fr.cx("fr-mt-4w")}>
        <Link to="/connexion" className={fr.cx("fr-link")}>
          Retour à la connexion
        </Link>
      </p>
    </Column>
  );
}

export const NEW_PASSWORD_FIELDS: Record<string, FormField> = {
  password: { id: "nouveau-mot-de-passe", label: "Nouveau mot de passe" },
  confirmation: { id: "nouveau-mot-de-passe-confirmation", label: "Confirmer le mot de passe" },
};

/** The two password inputs of a new password (reset, invitation). */
export function NewPasswordInputs(props: { password: string; confirmation: string; onPassword: (v: string) => void; onConfirmation: (v: string) => void; errors: FieldErrors; label?: string }) {
  return (
    <>
      <Input
        label={props.label ?? "Nouveau mot de passe"}
        hintText="12 caractères au moins. Une phrase de plusieurs mots est plus sûre et plus facile à retenir."
        {...errorState(errorFor(props.errors, "password"))}
        nativeInputProps={{ id: NEW_PASSWORD_FIELDS.password?.id, type: "password", autoComplete: "new-password", required: true, minLength: 12, value: props.password, onChange: (e) => props.onPassword(e.target.value) }}
      />
      <Input
        label="Confirmer le mot de passe"
        {...errorState(errorFor(props.errors, "confirmation"))}
        nativeInputProps={{ id: NEW_PASSWORD_FIELDS.confirmation?.id, type: "password", autoComplete: "new-password", required: true, value: props.confirmation, onChange: (e) => props.onConfirmation(e.target.value) }}
      />
    </>
  );
}

export function ResetPasswordPage() {
  useDocumentTitle("Choisir un nouveau mot de passe");
  const { token = "" } = useParams();
  const reset = useResetPassword(token);
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  const fail = (fieldErrors: FieldErrors, message: string | null = null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(passwordResetBody, { password });
    const fieldErrors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (password !== confirmation) fieldErrors.confirmation = "Les deux mots de passe saisis sont différents.";
    if (!result.ok || Object.keys(fieldErrors).length > 0) return fail(fieldErrors);
    reset.mutate(result.data, {
      onSuccess: () => fail({}),
      onError: (error) => {
        failWithApiError(error, fail);
      },
    });
  };

  return (
    <Column>
      <h1>Choisir un nouveau mot de passe</h1>
      {reset.isSuccess ? (
        <div role="status">
          <Alert
            severity="success"
            title="Mot de passe modifié"
            as="h2"
            description="Votre nouveau mot de passe est enregistré. Toutes vos sessions ont été fermées : connectez-vous avec ce nouveau mot de passe."
            className={fr.cx("fr-mb-4w")}
            role={undefined}
          />
          <Link to="/connexion" className={fr.cx("fr-btn")}>
            Se connecter
          </Link>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} fields={NEW_PASSWORD_FIELDS} formError={formError} focusKey={focusKey} id="reinitialisation-erreurs" />
          {isApiError(reset.error, 410) && (
            <p>
              <Link to="/mot-de-passe-oublie" className={fr.cx("fr-link")}>
                Demander un nouveau lien
              </Link>
            </p>
          )}
          <form onSubmit={onSubmit} noValidate aria-label="Choisir un nouveau mot de passe">
            <NewPasswordInputs password={password} confirmation={confirmation} onPassword={setPassword} onConfirmation={setConfirmation} errors={errors} />
            <Button type="submit" disabled={reset.isPending}>
              Enregistrer le mot de passe
            </Button>
          </form>
        </>
      )}
    </Column>
  );
}
