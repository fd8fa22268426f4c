import { queryOptions, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ClusterSummary,
  Composition,
  schoolRefSchema,
  trioSchema,
} from "../../../contracts/network.ts";
import type { Role } from "../../../contracts/roles.ts";
import { api } from "../api-client.ts";

export type Trio = z.infer<typeof trioSchema>;
export type SchoolRef = z.infer<typeof schoolRefSchema>;

export interface NetworkCounts {
  hubs: number;
  schools: number;
  programmes: number;
  programmeYears: number;
  clusters: number;
  enrolments: number;
  pendingInvitations: number;
}

export interface DashboardEnrolment {
  id: string;
  academicYear: string;
  programmeName: string;
  clusterName: string;
  trio: Trio | null;
  trioRole: "lead" | "accelerator" | null;
  teamSize: number;
  composition: Composition;
}

/** The shape of GET /api/dashboard (the server's `dashboardSchema`). */
export interface Dashboard {
  network: NetworkCounts | null;
  clusters: Array<ClusterSummary & { teamsMeetingGuidance: number }>;
  schools: Array<{ school: SchoolRef; roles: Role[]; enrolments: DashboardEnrolment[] }>;
}

export const dashboardQueryOptions = queryOptions({
  queryKey: ["dashboard"],
  queryFn: () => api.get<Dashboard>("/api/dashboard"),
});

export function useDashboard() {
  return useQuery(dashboardQueryOptions);
}
