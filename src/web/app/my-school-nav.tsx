import { Group, Select } from "@mantine/core";
import { type LinkProps, useRouterState } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { SchoolAbilities } from "../../contracts/auth.ts";
import { AnchorLink } from "../components/anchor-link.tsx";
import { EmptyNote } from "../components/empty-note.tsx";
import { PageHeader } from "../components/page-header.tsx";
import "../components/data-views.css";
import { type CurrentSchool, chooseSchool, useCurrentSchool } from "./current-school.ts";

export interface MySchoolTab {
  to: LinkProps["to"];
  label: string;
  /** Shown only to people the server gives this ability at the school (the page's own action). */
  needs?: keyof SchoolAbilities;
  /** Whether the tab is the current one for a path (default: the path starts with `to`). */
  matches?: (path: string) => boolean;
}

const ENROLMENT_PATH = /^\/my-school\/[0-9a-f-]{36}$/;

/** The sections of My school, in the order of the programme's work. */
export const MY_SCHOOL_TABS: MySchoolTab[] = [
  {
    to: "/my-school",
    label: "Team",
    matches: (path) => path === "/my-school" || ENROLMENT_PATH.test(path),
  },
  {
    to: "/my-school/pupils",
    label: "Pupils",
    matches: (path) => path.startsWith("/my-school/pupils") || path.startsWith("/pupils/"),
  },
  { to: "/my-school/data-entry", label: "Data entry" },
  { to: "/my-school/gap", label: "Gap" },
  { to: "/my-school/cohort", label: "Cohort" },
  { to: "/matrix", label: "Matrix" },
  { to: "/my-school/strategies", label: "Strategies" },
  {
    to: "/my-school/pupil-premium-statement",
    label: "Pupil premium statement",
    needs: "readPupilPremiumStatement",
  },
  { to: "/my-school/actions", label: "Actions" },
  { to: "/my-school/year", label: "Programme year" },
  { to: "/my-school/impact-report", label: "Impact report", needs: "readImpactReport" },
  { to: "/my-school/imports", label: "Imports", needs: "importData" },
  { to: "/my-school/measures", label: "Measures" },
  { to: "/my-school/access-history", label: "Access history", needs: "readAccessHistory" },
  { to: "/my-school/retention", label: "Data retention", needs: "readRetentionSchedule" },
];

/** The sub-navigation of My school, and a choice of school for people who work at several. */
export function MySchoolNav() {
  const path = useRouterState({ select: (s) => s.location.pathname });
  const { schools, school } = useCurrentSchool();
  const shown = (tab: MySchoolTab) => !tab.needs || (school?.abilities[tab.needs] ?? false);
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" className="no-print">
      <nav aria-label="My school" className="subnav-region">
        <Group gap={4} wrap="wrap" className="subnav">
          {MY_SCHOOL_TABS.filter(shown).map((tab) => {
            const current = tab.matches ? tab.matches(path) : path.startsWith(String(tab.to ?? ""));
            return (
              <AnchorLink
                key={tab.label}
                to={tab.to}
                className="subnav-link"
                data-current={current || undefined}
                aria-current={current ? "page" : undefined}
                underline="never"
              >
                {tab.label}
              </AnchorLink>
            );
          })}
        </Group>
      </nav>
      {schools.length > 1 && school ? (
        <Select
          label="School"
          size="xs"
          data={schools.map((s) => ({ value: s.id, label: s.name }))}
          value={school.id}
          allowDeselect={false}
          onChange={(value) => value && chooseSchool(value)}
          w={280}
        />
      ) : null}
    </Group>
  );
}

/**
 * The frame of a My school page about the school's pupil data: the sub-navigation,
 * the page's header, and the school the page is about.
 */
export function SchoolDataPage({
  title,
  intro,
  actions,
  children,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children: (school: CurrentSchool) => ReactNode;
}) {
  const { school } = useCurrentSchool();
  return (
    <>
      <MySchoolNav />
      <PageHeader title={title} intro={intro} actions={actions} />
      {school ? (
        children(school)
      ) : (
        <EmptyNote
          action={
            <AnchorLink to="/" size="sm" fw={600}>
              Back to your home page
            </AnchorLink>
          }
        >
          You do not work at a school in Cascade, so there are no pupils to show.
        </EmptyNote>
      )}
    </>
  );
}
