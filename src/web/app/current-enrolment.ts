import { queryOptions, useQuery } from "@tanstack/react-query";
import { academicYearOf } from "../../domain/academic-year.ts";
import { enrolmentQueryOptions } from "../lib/api/enrolments.ts";
import { api } from "../lib/api-client.ts";
import { londonDate } from "../lib/format.ts";

interface DashboardSchoolEnrolments {
  schools: Array<{
    school: { id: string };
    enrolments: Array<{ id: string; academicYear: string }>;
  }>;
}

/** Each school the person works at, with its enrolments (newest year first). */
const schoolEnrolmentsQueryOptions = queryOptions({
  queryKey: ["dashboard", "school-enrolments"],
  queryFn: async () => {
    const dashboard = await api.get<DashboardSchoolEnrolments>("/api/dashboard");
    return new Map(dashboard.schools.map((s) => [s.school.id, s.enrolments]));
  },
});

/**
 * The school's enrolment in this academic year (or its newest), with its cluster:
 * the team's actions, visits and workshops belong to it.
 */
export function useSchoolEnrolment(schoolId: string) {
  const all = useQuery(schoolEnrolmentsQueryOptions);
  const enrolments = all.data?.get(schoolId) ?? [];
  const thisYear = academicYearOf(londonDate(new Date()));
  const chosen = enrolments.find((e) => e.academicYear === thisYear) ?? enrolments[0] ?? null;
  const detail = useQuery({ ...enrolmentQueryOptions(chosen?.id ?? ""), enabled: chosen !== null });
  return {
    isPending: all.isPending || (chosen !== null && detail.isPending),
    error: all.error ?? detail.error,
    /** Null when the school is not enrolled in any programme year. */
    enrolment: chosen ? (detail.data ?? null) : null,
    notEnrolled: all.isSuccess && chosen === null,
  };
}
