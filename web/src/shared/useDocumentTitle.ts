import { useEffect } from "react";

export const SERVICE_NAME = "spie";

/** Sets document.title to "<page> — spie" (RGAA 8.6: a relevant title per page). */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — ${SERVICE_NAME}` : SERVICE_NAME;
  }, [title]);
}
