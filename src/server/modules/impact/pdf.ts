import * as Plot from "@observablehq/plot";
import type { ClusterImpactReport, SchoolImpactReport } from "../../../contracts/impact.ts";
import { STAGE_LABELS, STATUS_LABELS } from "../../../contracts/strategies.ts";
import { SUPPRESSION_MARK } from "../../../domain/suppression.ts";
import { chartSvg, type PdfContent, pdfChart, pdfTable, renderPdf } from "../../exports/pdf.ts";

/** A number for a table: 2 decimal places, signed where it is a change; the suppression mark for a withheld figure. */
export const figure = (n: number | null, signed = false): string =>
  n === null ? "—" : `${signed && n > 0 ? "+" : ""}${n.toFixed(2)}`;
const countText = (n: number | null) => (n === null ? SUPPRESSION_MARK : String(n));

const heading = (text: string): PdfContent => ({ text, style: "heading" });
const para = (text: string): PdfContent => ({ text, margin: [0, 0, 0, 6] });

/** The gap at each point as a line chart (the table beside it has the same figures). */
function gapChart(gap: SchoolImpactReport["gaps"][number]): PdfContent | null {
  const data = gap.points.flatMap((p, i) =>
    p.gap === null ? [] : [{ i, label: p.label, gap: p.gap }],
  );
  if (data.length < 2) return null;
  return pdfChart(
    chartSvg({
      width: 460,
      height: 160,
      marginLeft: 50,
      marginRight: 50,
      x: {
        label: null,
        ticks: data.map((d) => d.i),
        tickFormat: (i: number) => data.find((d) => d.i === i)?.label ?? "",
      },
      y: { label: "Gap", labelArrow: "none", grid: true, nice: true },
      marks: [
        Plot.ruleY([0], { stroke: "#888888" }),
        Plot.line(data, { x: "i", y: "gap", stroke: "#0b5ca8", strokeWidth: 2 }),
        Plot.dot(data, { x: "i", y: "gap", fill: "#0b5ca8" }),
      ],
    }),
    460,
  );
}

/** The movement summary as a bar chart of pupils now in each quadrant. */
function movementChart(movement: SchoolImpactReport["movement"]): PdfContent | null {
  const data = movement.rows.flatMap((r) =>
    r.now === null ? [] : [{ label: r.label, now: r.now }],
  );
  if (data.length === 0 || data.every((d) => d.now === 0)) return null;
  return pdfChart(
    chartSvg({
      width: 460,
      height: 140,
      marginLeft: 110,
      x: { label: "Pupils now", labelArrow: "none", grid: true },
      y: { label: null },
      marks: [Plot.barX(data, { y: "label", x: "now", fill: "#0b7a5a" }), Plot.ruleX([0])],
    }),
    460,
  );
}

function movementContent(movement: SchoolImpactReport["movement"]): PdfContent[] {
  return [
    para(
      movement.from && movement.to
        ? `From ${movement.from} to ${movement.to}. Across: ${movement.xLabel}. Up: ${movement.yLabel}.`
        : "The matrix needs values at two points.",
    ),
    ...[movementChart(movement)].filter((c): c is PdfContent => c !== null),
    pdfTable(
      ["Quadrant", "Moved in", "Moved out", "Stayed", "Now"],
      movement.rows.map((r) => [
        r.label,
        countText(r.movedIn),
        countText(r.movedOut),
        countText(r.stayed),
        countText(r.now),
      ]),
    ),
    para(`Pupils without a position at both points: ${countText(movement.missing)}.`),
  ];
}

/** The school impact report as a PDF: the same structure the page shows. */
export function schoolReportPdf(report: SchoolImpactReport): Promise<Buffer> {
  const c = report.cohort;
  const content: PdfContent[] = [
    heading("The cohort"),
    para(
      `${c.size} ${c.size === 1 ? "pupil" : "pupils"}` +
        (c.yearGroups.length
          ? ` in ${c.yearGroups.map((y) => `year ${y.yearGroup} (${y.pupils})`).join(", ")}.`
          : "."),
    ),
    para(c.howChosen),
    heading("The matrix"),
    ...movementContent(report.movement),
    heading("Change on each measure"),
    report.measures.length
      ? pdfTable(
          ["Measure", "Cohort", "Other disadvantaged", "Non-disadvantaged"],
          report.measures.map((m) => [
            m.measureName,
            ...[m.cohort, m.otherDisadvantaged, m.nonDisadvantaged].map(
              (g) => `${figure(g.meanChange, true)} (n ${g.n})`,
            ),
          ]),
          ["*", "auto", "auto", "auto"],
        )
      : para("The change needs values at two points in the period."),
    heading("The gap"),
    ...report.gaps.flatMap((g) => [
      { text: `${g.measureName}: ${g.direction}`, style: "subheading" } as PdfContent,
      ...[gapChart(g)].filter((x): x is PdfContent => x !== null),
      pdfTable(
        ["Point", "Disadvantaged", "Others", "Gap"],
        g.points.map((p) => [
          p.label,
          figure(p.disadvantagedMean),
          figure(p.otherMean),
          figure(p.gap),
        ]),
      ),
      ...(g.nationalComparator?.figure
        ? [
            para(
              `National (${g.nationalComparator.measure.name}, ${g.nationalComparator.figure.academicYear}): disadvantaged ${g.nationalComparator.figure.disadvantaged ?? "—"}, others ${g.nationalComparator.figure.other ?? "—"} (${g.nationalComparator.measure.unit}).`,
            ),
          ]
        : []),
    ]),
    heading("Strategies"),
    report.strategies.length
      ? pdfTable(
          ["Strategy", "Status", "Cascade", "Evaluation", "Decision"],
          report.strategies.map((s) => [
            s.title,
            STATUS_LABELS[s.status],
            STAGE_LABELS[s.cascadeStage],
            s.evaluation,
            s.decision,
          ]),
          ["*", "auto", "auto", "*", "*"],
        )
      : para("No strategies yet."),
    heading("Workshops and actions"),
    para(
      `Workshop attendance: ${report.workshops.present} present of ${report.workshops.recorded} marked, at ${report.workshops.held.length} ${report.workshops.held.length === 1 ? "workshop" : "workshops"}.`,
    ),
    para(
      `Actions: ${report.actions.done} done, ${report.actions.open} open, ${report.actions.overdue} overdue.`,
    ),
    ...(report.actions.doneTitles.length
      ? [{ ul: report.actions.doneTitles.map((t) => ({ text: t })) } as PdfContent]
      : []),
    heading("What next"),
    para(report.whatNext.text || "The team has not written what next yet."),
  ];
  return renderPdf({
    title: `Impact report: ${report.school.name}`,
    subtitle: `${report.programmeYear.academicYear} · ${report.period.first ?? "no data"} to ${report.period.latest ?? "no data"} · made ${report.generatedOn}`,
    content,
  });
}

/** The cluster report as a PDF: schools by their chosen label, suppressed counts marked. */
export function clusterReportPdf(report: ClusterImpactReport): Promise<Buffer> {
  const measureNames = [
    ...new Set(report.schools.flatMap((s) => s.gaps.map((g) => g.measureName))),
  ];
  const content: PdfContent[] = [
    para(`Cohort pupils across the cluster: ${countText(report.cohortSize)}.`),
    heading("The matrix across the cluster"),
    ...movementContent(report.movement),
    heading("Schools"),
    pdfTable(
      [
        "School",
        "Cohort",
        "Attendance",
        "Actions done",
        "Strategies",
        ...measureNames.map((n) => `Gap: ${n}`),
      ],
      report.schools.map((s) => [
        s.label,
        countText(s.cohortSize),
        `${s.attendance.present} of ${s.attendance.recorded}`,
        s.actionsDone,
        s.strategies,
        ...measureNames.map((n) => {
          const g = s.gaps.find((x) => x.measureName === n);
          return !g ? "—" : g.suppressed ? SUPPRESSION_MARK : `${figure(g.gap)} (${g.direction})`;
        }),
      ]),
    ),
    heading("Cascade stages"),
    pdfTable(
      ["Stage", "Strategies"],
      report.stages.map((s) => [STAGE_LABELS[s.cascadeStage], s.strategies]),
    ),
    { text: `${SUPPRESSION_MARK}: ${report.suppressedReason}`, style: "small" },
  ];
  return renderPdf({
    title: `Cluster impact report: ${report.cluster.name}`,
    subtitle: `Made ${report.generatedOn}. Schools are named only where they chose to be.`,
    content,
    landscape: true,
  });
}
