import { useQueries, useQuery } from "@tanstack/react-query";
import { clusterQueryOptions } from "../../../lib/api/clusters.ts";
import { dashboardQueryOptions } from "../../../lib/api/dashboard.ts";
import type { MatrixQuery } from "./matrix.ts";

export interface ViewOption {
  id: string;
  label: string;
  query: Pick<MatrixQuery, "view" | "schoolId" | "trioId" | "clusterId">;
}

/**
 * The matrix views this person has: for school staff their school, its trio and
 * its cluster; for a programme lead each cluster they lead and its trios.
 */
export function useViewOptions() {
  const dashboard = useQuery(dashboardQueryOptions);
  const led = dashboard.data?.clusters ?? [];
  const clusters = useQueries({ queries: led.map((c) => clusterQueryOptions(c.id)) });
  const schools = (dashboard.data?.schools ?? []).filter((s) => s.enrolments.length > 0);
  const several = schools.length > 1;
  const options: ViewOption[] = [];
  for (const { school, enrolments } of schools) {
    const suffix = several ? ` (${school.shortCode})` : "";
    const schoolId = school.id;
    options.push({
      id: `school:${schoolId}`,
      label: `My school${suffix}`,
      query: { view: "school", schoolId },
    });
    if (enrolments[0]?.trio) {
      options.push({
        id: `trio:${schoolId}`,
        label: `My trio${suffix}`,
        query: { view: "trio", schoolId },
      });
    }
    options.push({
      id: `cluster:${schoolId}`,
      label: `My cluster${suffix}`,
      query: { view: "cluster", schoolId },
    });
  }
  led.forEach((cluster, i) => {
    options.push({
      id: `cluster-led:${cluster.id}`,
      label: `Cluster: ${cluster.name}`,
      query: { view: "cluster", clusterId: cluster.id },
    });
    for (const trio of clusters[i]?.data?.trios ?? []) {
      options.push({
        id: `trio-led:${trio.id}`,
        label: `Trio: ${trio.name}`,
        query: { view: "trio", trioId: trio.id },
      });
    }
  });
  return {
    options,
    isPending: dashboard.isPending || clusters.some((c) => c.isPending),
    error: dashboard.error,
  };
}

/** The option the address asks for: matched by view and ids, else the first of that view, else the first. */
export function chooseOption(options: ViewOption[], search: MatrixQuery): ViewOption | undefined {
  const same = (o: ViewOption) =>
    o.query.view === search.view &&
    (!search.trioId || o.query.trioId === search.trioId) &&
    (!search.clusterId || o.query.clusterId === search.clusterId) &&
    (!search.schoolId || !o.query.schoolId || o.query.schoolId === search.schoolId);
  if (!search.view) {
    return (
      options.find((o) => !search.schoolId || o.query.schoolId === search.schoolId) ?? options[0]
    );
  }
  return options.find(same) ?? options.find((o) => o.query.view === search.view) ?? options[0];
}
