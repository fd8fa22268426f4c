import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Me } from "../../contracts/auth.ts";
import { api, isProblem } from "../lib/api-client.ts";

/** Who is signed in, or null. A 401 is an answer here, not an error. */
export async function getMe(): Promise<Me | null> {
  try {
    return await api.get<Me>("/api/me");
  } catch (error) {
    if (isProblem(error, 401)) return null;
    throw error;
  }
}

export const meQueryOptions = queryOptions({ queryKey: ["me"], queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions);
}
