import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "../../../../common/zod.ts";
import {
  directoryStructure,
  importJob,
  importReport,
  service,
  structureServices,
  suggestionList,
  type ImportJob,
  type ImportReport,
  type ServiceCreateBody,
  type ServiceUpdateBody,
} from "../../../../common/schemas/directory.ts";
import { api, API_BASE, ApiError } from "../../api/client.ts";
import { directoryKeys } from "./searchApi.ts";
import type { Problem } from "../../../../common/problem.ts";

export function useService(id: string) {
  return useQuery({ queryKey: directoryKeys.service(id), queryFn: ({ signal }) => api.get(`/services/${id}`, service, undefined, signal) });
}

export function useDirectoryStructure(id: string) {
  return useQuery({ queryKey: directoryKeys.structure(id), queryFn: ({ signal }) => api.get(`/directory/structures/${id}`, directoryStructure, undefined, signal) });
}

export function useStructureServices(id: string) {
  return useQuery({ queryKey: directoryKeys.structureServices(id), queryFn: ({ signal }) => api.get(`/structures/${id}/services`, structureServices, undefined, signal) });
}

export function useSuggestions(structureId: string) {
  return useQuery({ queryKey: directoryKeys.suggestions(structureId), queryFn: ({ signal }) => api.get(`/structures/${structureId}/service-suggestions`, suggestionList, undefined, signal) });
}

export function useCreateService(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceCreateBody) => api.post(`/structures/${structureId}/services`, body, service),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKeys.all }),
  });
}

export function useUpdateService(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceUpdateBody) => api.patch(`/services/${id}`, body, service),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKeys.all }),
  });
}

export function useSuggestCorrection(serviceId: string) {
  return useMutation({ mutationFn: (message: string) => api.post(`/services/${serviceId}/suggestions`, { message }, z.object({ id: z.string(), status: z.string() })) });
}

export function useHandleSuggestion(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: "done" | "dismissed" }) => api.patch(`/service-suggestions/${id}`, { status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKeys.suggestions(structureId) }),
  });
}

/**
 * Uploads a data·inclusion file with XMLHttpRequest, to report the upload progress (fetch cannot).
 * Resolves with the import report (small files, 200) or the queued import to follow (large files,
 * 202); rejects with an ApiError carrying the server's problem.
 */
export type UploadResult = { kind: "report"; report: ImportReport } | { kind: "job"; job: ImportJob };

export function uploadImport(file: File, options: { source?: string; dryRun: boolean; csrfToken: string | null; onProgress: (fraction: number) => void }): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams();
    if (options.source) query.set("source", options.source);
    if (options.dryRun) query.set("dry_run", "true");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_BASE}/imports/data-inclusion${query.size ? `?${query}` : ""}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    if (options.csrfToken) xhr.setRequestHeader("X-CSRF-Token", options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200) {
        resolve({ kind: "report", report: importReport.parse(body) });
        return;
      }
      if (xhr.status === 202) {
        resolve({ kind: "job", job: importJob.parse(body) });
        return;
      }
      const problem = (body && typeof body === "object" ? body : {}) as Partial<Problem>;
      reject(new ApiError({ type: problem.type ?? "about:blank", title: problem.title ?? "Import impossible", status: xhr.status, code: problem.code ?? `http_${xhr.status}`, detail: problem.detail, errors: problem.errors }));
    };
    xhr.onerror = () => reject(new ApiError({ type: "about:blank", title: "Service injoignable", status: 0, code: "network_error", detail: "L'envoi a échoué. Vérifiez votre connexion puis réessayez." }));
    const form = new FormData();
    form.append("fichier", file);
    xhr.send(form);
  });
}

/** A large import running as a job, polled every 1.5 s until it is done or failed. */
export function useImportJob(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["imports", id],
    enabled: id !== null,
    queryFn: async ({ signal }) => {
      const job = await api.get(`/imports/${id}`, importJob, undefined, signal);
      if (job.status === "done" && !job.dry_run) await queryClient.invalidateQueries({ queryKey: directoryKeys.all });
      return job;
    },
    refetchInterval: (query) => (query.state.data && (query.state.data.status === "done" || query.state.data.status === "failed") ? false : 1500),
  });
}
