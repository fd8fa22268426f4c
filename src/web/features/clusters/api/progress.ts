import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Progress } from "../../../../contracts/programme-year.ts";
import { api } from "../../../lib/api-client.ts";

/** Each school's year at a glance: counts and yes/no marks, never a pupil. */
export const progressQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ["progress", clusterId],
    queryFn: () => api.get<Progress>(`/api/clusters/${clusterId}/progress`),
  });

export const useProgress = (clusterId: string) => useQuery(progressQueryOptions(clusterId));
