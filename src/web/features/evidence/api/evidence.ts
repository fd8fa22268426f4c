import { queryOptions, useQuery } from "@tanstack/react-query";
import type { EvidenceGroup } from "../../../../contracts/strategies.ts";
import { api, isProblem } from "../../../lib/api-client.ts";

export type Evidence = EvidenceGroup & { groups: EvidenceGroup[] };

export interface EvidenceFilter {
  strand?: string;
  theme?: string;
}

/**
 * The network's shared results, pooled. For one strand or theme with nothing
 * shared the server answers 404; that is an empty result here, not an error.
 */
export const evidenceQueryOptions = (filter: EvidenceFilter) =>
  queryOptions({
    queryKey: ["evidence", filter],
    queryFn: async (): Promise<Evidence | null> => {
      const query = new URLSearchParams();
      if (filter.strand) query.set("strand", filter.strand);
      else if (filter.theme) query.set("theme", filter.theme);
      try {
        return await api.get<Evidence>(`/api/evidence${query.size > 0 ? `?${query}` : ""}`);
      } catch (error) {
        if ((filter.strand || filter.theme) && isProblem(error, 404)) return null;
        throw error;
      }
    },
  });

export const useEvidence = (filter: EvidenceFilter) => useQuery(evidenceQueryOptions(filter));
