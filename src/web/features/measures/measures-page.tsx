import { Stack } from "@mantine/core";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AssessmentPointsSection } from "./assessment-points-section.tsx";
import { MeasureCatalogue } from "./measure-catalogue.tsx";

/** The school's measures and its assessment points: leaders edit, staff read. */
export function MeasuresPage() {
  return (
    <SchoolDataPage
      title="Measures and assessment points"
      intro="What the school records about its pupils, and when."
    >
      {(school) => (
        <Stack gap="xl">
          <MeasureCatalogue school={school} />
          <AssessmentPointsSection school={school} />
        </Stack>
      )}
    </SchoolDataPage>
  );
}
