import type { DisadvantageSettings } from "../../../contracts/pupil-data.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SettingCard } from "../../components/setting-card.tsx";
import { useChangeDisadvantageRule, useDisadvantageRule } from "./api/disadvantage-rule.ts";

const share = (pupils: number, onRoll: number) =>
  `${pupils} of ${onRoll} pupil${onRoll === 1 ? "" : "s"} on roll`;

/** Says who counts as disadvantaged at this school, and lets its leaders change the rule. */
export function DisadvantageRuleCard({ schoolId }: { schoolId: string }) {
  const settings = useDisadvantageRule(schoolId);
  const change = useChangeDisadvantageRule(schoolId);
  if (settings.error)
    return <ProblemAlert error={settings.error} title="The school's rule could not be read" />;
  if (!settings.data) return null;
  const { rule, options, onRoll, canChange } = settings.data;
  const current = options.find((o) => o.rule === rule);
  return (
    <SettingCard<DisadvantageSettings["rule"]>
      summary={
        <>
          <strong>Disadvantaged here means:</strong> {current?.label ?? rule}
          {current ? ` (${share(current.pupils, onRoll)})` : ""}.
        </>
      }
      changeLabel="Change who counts"
      canChange={canChange}
      title="Who counts as disadvantaged at this school"
      explanation="The gap, the cohort finder's proposals and strategy evaluations all follow this rule. Pupils already in the target cohort stay in it."
      choiceLabel="Rule"
      options={options.map((o) => ({
        value: o.rule,
        label: o.label,
        description: share(o.pupils, onRoll),
      }))}
      current={rule}
      saveLabel="Use this rule"
      errorTitle="The rule was not changed"
      save={change}
    />
  );
}
