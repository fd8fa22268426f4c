import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  disadvantageSettingsSchema,
  updateDisadvantageSettingsSchema,
} from "../../../contracts/pupil-data.ts";
import {
  DISADVANTAGE_RULE_LABELS,
  DISADVANTAGE_RULES,
  type DisadvantageRule,
} from "../../../domain/disadvantage.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { pupilPolicy } from "./policy.ts";
import { disadvantageCounts, setSchoolSetting } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Who counts as disadvantaged at a school: read by its staff, chosen by its leaders. */
export async function disadvantageRuleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The rule as it stands, with how many pupils on roll each rule would count. */
  async function disadvantageSettings(
    schoolId: string,
    rule: string,
    canChange: boolean,
  ): Promise<z.infer<typeof disadvantageSettingsSchema>> {
    const counts = await disadvantageCounts(deps.db, schoolId);
    return {
      rule: rule as DisadvantageRule,
      canChange,
      options: DISADVANTAGE_RULES.map((r) => ({
        rule: r,
        label: DISADVANTAGE_RULE_LABELS[r],
        pupils: counts.byRule[r],
      })),
      onRoll: counts.onRoll,
    };
  }

  r.get(
    "/api/schools/:id/disadvantage-rule",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["pupil data"],
        summary: "Who counts as disadvantaged at this school, and how many pupils each rule counts",
        params: idParams,
        response: { 200: disadvantageSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(pupilPolicy.readDisadvantageRule(actor, school));
      return disadvantageSettings(
        school.id,
        school.disadvantage_rule,
        pupilPolicy.changeDisadvantageRule(actor, school),
      );
    },
  );

  r.put(
    "/api/schools/:id/disadvantage-rule",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["pupil data"],
        summary:
          "Change who counts as disadvantaged (the gap, cohort candidates and evaluations follow)",
        params: idParams,
        body: updateDisadvantageSettingsSchema,
        response: { 200: disadvantageSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      authorize(
        pupilPolicy.changeDisadvantageRule(actor, school),
        "Only the school's leaders can do this.",
      );
      const rule = request.body.rule;
      if (rule !== school.disadvantage_rule) {
        await auditedChange(
          deps,
          actor,
          (trx) => setSchoolSetting(trx, school.id, { disadvantage_rule: rule }),
          () => ({
            action: "school.disadvantage_rule_changed",
            targetType: "school",
            targetId: school.id,
            details: { from: school.disadvantage_rule, to: rule },
          }),
        );
      }
      return disadvantageSettings(school.id, rule, true);
    },
  );
}
