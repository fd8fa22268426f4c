import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Composition, Enrolment } from "../../../contracts/network.ts";
import { api } from "../api-client.ts";

export const enrolmentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["enrolments", id],
    queryFn: () => api.get<Enrolment>(`/api/enrolments/${id}`),
  });

export const useEnrolment = (id: string) => useQuery(enrolmentQueryOptions(id));

export interface MyEnrolment {
  id: string;
  schoolName: string;
  academicYear: string;
  programmeName: string;
  clusterName: string;
  composition: Composition;
}

interface DashboardSchools {
  schools: Array<{
    school: { name: string };
    enrolments: Array<Omit<MyEnrolment, "schoolName">>;
  }>;
}

/** The enrolments of every school the person works at, newest year first. */
export const myEnrolmentsQueryOptions = queryOptions({
  queryKey: ["dashboard", "my-enrolments"],
  queryFn: async (): Promise<MyEnrolment[]> => {
    const dashboard = await api.get<DashboardSchools>("/api/dashboard");
    return dashboard.schools.flatMap(({ school, enrolments }) =>
      enrolments.map((e) => ({
        id: e.id,
        schoolName: school.name,
        academicYear: e.academicYear,
        programmeName: e.programmeName,
        clusterName: e.clusterName,
        composition: e.composition,
      })),
    );
  },
});

export const useMyEnrolments = () => useQuery(myEnrolmentsQueryOptions);
