import { isRouteErrorResponse, useRouteError } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { isApiError } from "../../api/client.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

/** Error boundary of the routes: unexpected errors get a French message, never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  if ((isRouteErrorResponse(error) && error.status === 404) || isApiError(error, 404)) return <NotFoundPage />;
  return <UnexpectedError error={error} />;
}

function UnexpectedError({ error }: { error: unknown }) {
  useDocumentTitle("Erreur inattendue");
  if (import.meta.env.DEV) console.error(error);
  return (
    <div className={fr.cx("fr-my-6w")} data-testid="error-boundary">
      <h1>Une erreur inattendue est survenue</h1>
      <p className={fr.cx("fr-text--lead")}>Désolé, le service rencontre un problème. Nous travaillons à le résoudre.</p>
      <p>Essayez de rafraîchir la page ou réessayez un peu plus tard. Si le problème persiste, contactez l'assistance.</p>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Button onClick={() => window.location.reload()}>Rafraîchir la page</Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: "/", reloadDocument: true }}>
            Page d'accueil
          </Button>
        </li>
      </ul>
    </div>
  );
}

/** When even the layout fails: a bare page, outside the router's layout. */
export function RootErrorPage() {
  return (
    <main id="contenu" tabIndex={-1} className={fr.cx("fr-container")}>
      <ErrorPage />
    </main>
  );
}
