import { Paper, Text } from "@mantine/core";
import type { ParaAccess } from "../../../contracts/pupil-data.ts";
import { SettingCard } from "../../components/setting-card.tsx";
import { useChangeParaAccess } from "./api/para-access.ts";

/**
 * What the school's para-professionals see. A para-professional reads why their
 * list is short and has no pupil premium or FSM; a leader can widen it.
 */
export function ParaAccessCard({ schoolId, access }: { schoolId: string; access: ParaAccess }) {
  const change = useChangeParaAccess(schoolId);
  const current = access.options.find((o) => o.setting === access.setting);
  if (!access.reader.allPupils || !access.reader.povertyFlags) {
    return (
      <Paper withBorder p="sm" radius="md" className="no-print" data-testid="para-access-note">
        <Text size="sm">
          <strong>You see the pupils you work with:</strong> the target cohort if you are on the
          programme team, and the pupils of strategies you deliver. Pupil premium and free school
          meals are not shown to para-professionals; the school's leaders can change this.
        </Text>
      </Paper>
    );
  }
  if (!access.canChange) return null;
  return (
    <SettingCard<ParaAccess["setting"]>
      summary={
        <>
          <strong>Para-professionals see:</strong> {current?.label ?? access.setting}.
        </>
      }
      changeLabel="Change what para-professionals see"
      canChange={access.canChange}
      title="What para-professionals see"
      explanation="Para-professionals deliver support to the pupils they work with, which needs SEN, looked-after and EAL but not whose family is poor. Widening lets them see every pupil of the school with every flag, as teachers do. The change is recorded in the access history."
      choiceLabel="Para-professionals see"
      options={access.options.map((o) => ({ value: o.setting, label: o.label }))}
      current={access.setting}
      saveLabel="Save"
      errorTitle="The setting was not changed"
      save={change}
    />
  );
}
