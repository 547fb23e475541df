import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { loginBody } from "../../../../common/schemas/auth.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, validate, type FieldErrors } from "../../shared/forms.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useLogin } from "./accountApi.ts";
import { useMe } from "./api.ts";
import { ProConnectSection } from "./ProConnectSection.tsx";
import { EXPIRED_PARAM, EXPIRED_VALUE, safeReturnPath } from "./RequireAuth.tsx";

const FIELDS: Record<string, FormField> = {
  email: { id: "login-email", label: "Adresse électronique" },
  password: { id: "login-password", label: "Mot de passe" },
};

export function LoginPage() {
  useDocumentTitle("Connexion");
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnPath(searchParams.get("retour"));
  const expired = searchParams.get(EXPIRED_PARAM) === EXPIRED_VALUE;
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusKey, setFocusKey] = useState(0);

  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={returnTo} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(loginBody, { email, password });
    if (!result.ok) {
      setErrors(result.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setErrors({});
    login.mutate(result.data, {
      onSuccess: () => navigate(returnTo, { replace: true }),
      onError: () => setFocusKey((k) => k + 1),
    });
  };

  let failure: { title: string; detail: string } | null = null;
  if (login.error) {
    if (isApiError(login.error, 429)) {
      failure = {
        title: "Trop de tentatives de connexion",
        detail: login.error.problem.detail ?? "Patientez quelques minutes avant de réessayer.",
      };
    } else if (isApiError(login.error, 401) || isApiError(login.error, 400) || isApiError(login.error, 422)) {
      failure = {
        title: "Connexion impossible",
        detail: login.error.problem.detail ?? "Adresse électronique ou mot de passe incorrect.",
      };
    } else {
      failure = {
        title: "Connexion impossible",
        detail: isApiError(login.error) ? (login.error.problem.detail ?? login.error.problem.title) : "Erreur inattendue.",
      };
    }
  }

  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center", "fr-my-6w")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Connexion à spie</h1>
        {expired && (
          <div data-testid="session-expired">
          <Alert
            severity="warning"
            title="Votre session a expiré"
            description={`Par sécurité, la session se ferme après 30 minutes sans activité ou au bout de 12 heures. Reconnectez-vous : vous reviendrez ${returnTo === "/" ? "à l'accueil" : "à la page où vous étiez"}, et les brouillons de vos saisies sont gardés sur cet appareil.`}
            as="h2"
            className={fr.cx("fr-mb-4w")}
          />
          </div>
        )}
        <p>Espace réservé aux professionnel·les du Service public de l'insertion et de l'emploi.</p>
        <ProConnectSection returnTo={returnTo} />
        <ErrorSummary errors={errors} fields={FIELDS} focusKey={failure ? 0 : focusKey} />
        {failure && (
          <FailureAlert key={focusKey} title={failure.title} detail={failure.detail} />
        )}
        <form onSubmit={onSubmit} noValidate aria-label="Connexion" data-unsaved-guard="off">
          <Input
            label="Adresse électronique"
            hintText="Format attendu : nom@domaine.fr"
            {...errorState(errorFor(errors, "email"))}
            nativeInputProps={{
              id: FIELDS.email?.id,
              type: "email",
              name: "email",
              autoComplete: "username",
              required: true,
              value: email,
              onChange: (e) => setEmail(e.target.value),
            }}
          />
          <Input
            label="Mot de passe"
            {...errorState(errorFor(errors, "password"))}
            nativeInputProps={{
              id: FIELDS.password?.id,
              type: "password",
              name: "password",
              autoComplete: "current-password",
              required: true,
              value: password,
              onChange: (e) => setPassword(e.target.value),
            }}
          />
          <p>
            <Link to="/mot-de-passe-oublie" className={fr.cx("fr-link")}>
              Mot de passe oublié ?
            </Link>
          </p>
          <Button type="submit" disabled={login.isPending}>
            {login.isPending ? "Connexion en cours…" : "Se connecter"}
          </Button>
        </form>
      </div>
    </div>
  );
}

/** The login failure, focused when it appears so that it is read at once. */
function FailureAlert({ title, detail }: { title: string; detail: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={fr.cx("fr-mb-4w")}
      data-testid="login-error"
    >
      <Alert severity="error" title={title} description={detail} as="h2" role="alert" />
    </div>
  );
}
