import { describe, expect, it } from "vitest";
import {
  costPerMonth,
  type EvaluationForCost,
  hourlyRateProblem,
  MAX_HOURLY_RATE,
  strategyCost,
} from "./cost-effectiveness.ts";

const attainment = (months: number | null, hasEffect = true): EvaluationForCost => ({
  designKind: "comparison-group",
  measureKind: "attainment",
  hasEffect,
  months,
});

describe("a strategy's cost", () => {
  it("adds staff hours at the school's rate to the direct cost, and shares it among participants", () => {
    // £450 + 30 h × £25.50 (£765) = £1,215; among 15 pupils, £81 each.
    const cost = strategyCost({
      directCost: 450,
      staffHours: 30,
      hourlyRate: 25.5,
      participants: 15,
    });
    expect(cost.staffCost).toBe(765);
    expect(cost.totalCost).toBe(1215);
    expect(cost.costPerPupil).toBe(81);
    expect(cost.staffUncosted).toBe(false);
    expect(cost.workings).toBe("£450.00 direct + 30 staff hours × £25.50 an hour = £1,215.00");
    expect(cost.costPerPupilGap).toBeNull();
  });

  it("rounds to the penny: £300 + 20 h × £18.75 = £675 among 14 is £48.21", () => {
    const cost = strategyCost({
      directCost: 300,
      staffHours: 20,
      hourlyRate: 18.75,
      participants: 14,
    });
    expect(cost.totalCost).toBe(675);
    expect(cost.costPerPupil).toBe(48.21);
  });

  it("costs staff time alone when there is no direct cost", () => {
    const cost = strategyCost({
      directCost: null,
      staffHours: 1.5,
      hourlyRate: 30,
      participants: 3,
    });
    expect(cost.totalCost).toBe(45);
    expect(cost.costPerPupil).toBe(15);
    expect(cost.workings).toBe("1.5 staff hours × £30.00 an hour = £45.00");
  });

  it("leaves staff hours out, and says so, when the school has set no rate", () => {
    const cost = strategyCost({
      directCost: 450,
      staffHours: 30,
      hourlyRate: null,
      participants: 15,
    });
    expect(cost.staffCost).toBeNull();
    expect(cost.totalCost).toBe(450);
    expect(cost.costPerPupil).toBe(30);
    expect(cost.staffUncosted).toBe(true);
    expect(cost.workings).toBe(
      "£450.00 direct = £450.00; 30 staff hours not costed (the school has not set an hourly rate)",
    );
  });

  it("has no cost per pupil without a cost, or without participants", () => {
    const none = strategyCost({
      directCost: null,
      staffHours: null,
      hourlyRate: 25,
      participants: 15,
    });
    expect(none.totalCost).toBeNull();
    expect(none.costPerPupil).toBeNull();
    expect(none.costPerPupilGap?.code).toBe("no-cost");
    expect(none.workings).toBe("No cost recorded");
    const nobody = strategyCost({
      directCost: 200,
      staffHours: null,
      hourlyRate: 25,
      participants: 0,
    });
    expect(nobody.costPerPupil).toBeNull();
    expect(nobody.costPerPupilGap?.code).toBe("no-participants");
  });

  it("counts a strategy that costs nothing as £0 a pupil", () => {
    const free = strategyCost({ directCost: 0, staffHours: 0, hourlyRate: 25, participants: 10 });
    expect(free.totalCost).toBe(0);
    expect(free.costPerPupil).toBe(0);
    expect(free.staffUncosted).toBe(false);
  });
});

describe("cost per pupil per month's progress", () => {
  const cost = strategyCost({
    directCost: 450,
    staffHours: 30,
    hourlyRate: 25.5,
    participants: 15,
  });

  it("divides the cost per pupil by the evaluation's months", () => {
    // £81 a pupil over 3 months: £27 a month.
    expect(costPerMonth(cost, attainment(3))).toEqual({ value: 27, gap: null });
    // £675 / 14 pupils / 4 months = £12.0536 → £12.05.
    const other = strategyCost({
      directCost: 300,
      staffHours: 20,
      hourlyRate: 18.75,
      participants: 14,
    });
    expect(costPerMonth(other, attainment(4)).value).toBe(12.05);
  });

  it("refuses to divide by no progress or by less progress", () => {
    expect(costPerMonth(cost, attainment(0))).toMatchObject({
      value: null,
      gap: { code: "no-progress" },
    });
    const less = costPerMonth(cost, attainment(-2));
    expect(less.value).toBeNull();
    expect(less.gap?.code).toBe("less-progress");
    expect(less.gap?.text).toContain("2 months' less progress");
    expect(costPerMonth(cost, attainment(-1)).gap?.text).toContain("1 month's less progress");
  });

  it("says months do not apply where the design or the measure does not allow them", () => {
    const prePost = costPerMonth(cost, {
      designKind: "pre-post",
      measureKind: "attainment",
      hasEffect: true,
      months: null,
    });
    expect(prePost.gap?.code).toBe("months-not-apply");
    expect(prePost.gap?.text).toContain("comparison group");
    const theme = costPerMonth(cost, {
      designKind: "comparison-group",
      measureKind: "theme",
      hasEffect: true,
      months: null,
    });
    expect(theme.gap?.code).toBe("months-not-apply");
    expect(theme.gap?.text).toContain("theme measure");
  });

  it("says there is no effect size, or no evaluation, or no cost", () => {
    expect(costPerMonth(cost, attainment(null, false)).gap?.code).toBe("no-effect");
    expect(
      costPerMonth(cost, {
        designKind: "pre-post",
        measureKind: "theme",
        hasEffect: false,
        months: null,
      }).gap?.code,
    ).toBe("no-effect");
    expect(costPerMonth(cost, null).gap?.code).toBe("no-evaluation");
    const none = strategyCost({
      directCost: null,
      staffHours: null,
      hourlyRate: null,
      participants: 5,
    });
    expect(costPerMonth(none, attainment(3)).gap?.code).toBe("no-cost");
  });
});

describe("the school's hourly staff cost", () => {
  it("takes pounds and pence above nothing, up to the maximum", () => {
    expect(hourlyRateProblem(25.5)).toBeNull();
    expect(hourlyRateProblem(0.01)).toBeNull();
    expect(hourlyRateProblem(MAX_HOURLY_RATE)).toBeNull();
    expect(hourlyRateProblem(19.99)).toBeNull();
  });
  it("refuses nothing, negatives, too much and fractions of a penny", () => {
    expect(hourlyRateProblem(0)).toMatch(/more than £0/);
    expect(hourlyRateProblem(-5)).toMatch(/more than £0/);
    expect(hourlyRateProblem(250.01)).toMatch(/At most £250.00/);
    expect(hourlyRateProblem(25.555)).toMatch(/2 decimal places/);
    expect(hourlyRateProblem(Number.NaN)).toMatch(/number/);
  });
});
