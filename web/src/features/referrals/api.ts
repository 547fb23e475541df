// Queries and mutations of the referrals, checked against the shared schemas of common/schemas.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { personList } from "../../../../common/schemas/people.ts";
import {
  referral,
  referralChannel,
  referralLinkView,
  referralList,
  type ReferralCreateBody,
  type ReferralTransitionBody,
} from "../../../../common/schemas/referrals.ts";
import { api } from "../../api/client.ts";

export interface ReferralFilters {
  direction: "sent" | "received";
  status: string;
  overdue: string;
  service_id: string;
  page: number;
}

export function useReferrals(filters: ReferralFilters) {
  return useQuery({
    queryKey: ["referrals", filters],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get("/referrals", referralList, { direction: filters.direction, status: filters.status || undefined, overdue: filters.overdue || undefined, service_id: filters.service_id || undefined, page: filters.page }, signal),
  });
}

export function useReferral(id: string) {
  return useQuery({ queryKey: ["referral", id], queryFn: ({ signal }) => api.get(`/referrals/${id}`, referral, undefined, signal) });
}

export function useReferralChannel(serviceId: string | null) {
  return useQuery({
    queryKey: ["referral-channel", serviceId],
    queryFn: ({ signal }) => api.get(`/services/${serviceId}/referral-channel`, referralChannel, undefined, signal),
    enabled: Boolean(serviceId),
  });
}

export function useMyPeople(enabled: boolean) {
  return useQuery({ queryKey: ["people", "for-referral"], queryFn: ({ signal }) => api.get("/people", personList, { page_size: 100 }, signal), enabled });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return <T extends { id: string }>(saved?: T) => {
    // The answer is the referral's new state: in the cache before the mutation resolves, so the
    // page's message and its answer form (the moves still allowed) change together.
    if (saved) queryClient.setQueryData(["referral", saved.id], saved);
    void queryClient.invalidateQueries({ queryKey: ["referrals"] });
    void queryClient.invalidateQueries({ queryKey: ["referral"] });
    void queryClient.invalidateQueries({ queryKey: ["pathway"] });
    void queryClient.invalidateQueries({ queryKey: ["people"] });
  };
}

export function useCreateReferral() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ReferralCreateBody) => api.post("/referrals", body, referral), onSuccess: (saved) => invalidate(saved) });
}

export function useTransition(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ReferralTransitionBody) => api.post(`/referrals/${id}/transitions`, body, referral), onSuccess: (saved) => invalidate(saved) });
}

export function useRenewLink(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.post(`/referrals/${id}/link`, {}, referral), onSuccess: (saved) => invalidate(saved) });
}

export function useLinkReferral(token: string) {
  return useQuery({ queryKey: ["referral-link", token], queryFn: ({ signal }) => api.get(`/referral-links/${token}`, referralLinkView, undefined, signal), retry: false });
}

export function useLinkTransition(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReferralTransitionBody) => api.post(`/referral-links/${token}/transitions`, body, referralLinkView),
    onSuccess: (data) => queryClient.setQueryData(["referral-link", token], data),
  });
}

/** "19/05/2026 à 10:00" read in the offset the API answered (the receiving territory's). */
export function formatZoned(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} à ${m[4]}:${m[5]}` : value;
}
