import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { isApiError } from "../api/client.ts";

/** Human text of any error thrown by the API client or a render. */
export function errorMessage(error: unknown): { title: string; detail: string } {
  if (isApiError(error)) {
    return {
      title: error.problem.title,
      detail: error.problem.detail ?? "Réessayez plus tard. Si le problème persiste, contactez l'assistance.",
    };
  }
  return {
    title: "Une erreur inattendue est survenue",
    detail: "Réessayez plus tard. Si le problème persiste, contactez l'assistance.",
  };
}

export function ProblemAlert({ error, className }: { error: unknown; className?: string }) {
  const { title, detail } = errorMessage(error);
  return <Alert severity="error" title={title} description={detail} className={className} as="h2" role="alert" />;
}
