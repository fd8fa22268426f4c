import { queryOptions } from "@tanstack/react-query";
import type { MfaStatus } from "../../contracts/mfa.ts";
import { api } from "../lib/api-client.ts";

/**
 * Where this session stands with the second factor. The app's guard reads it on
 * every navigation, so a person the network requires to enrol is taken to
 * enrolment, and a session that has not passed its factor to the second step.
 */
export const mfaStatusQueryOptions = queryOptions({
  queryKey: ["me", "mfa"],
  queryFn: () => api.get<MfaStatus>("/api/mfa"),
  staleTime: 30_000,
});
