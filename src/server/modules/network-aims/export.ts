import * as Plot from "@observablehq/plot";
import type { NetworkAims } from "../../../contracts/network-aims.ts";
import { capacityByYear, GAP_TREND_WORDS } from "../../../domain/network-aims.ts";
import { SUPPRESSION_MARK } from "../../../domain/suppression.ts";
import { toCsv } from "../../exports/csv.ts";
import { chartSvg, type PdfContent, pdfChart, pdfTable, renderPdf } from "../../exports/pdf.ts";

type Cell = string | number | null;

/** A figure as written in a table: the suppression mark where hidden, a dash where unknown. */
const shown = (value: number | null, suppressed: boolean): Cell =>
  suppressed ? SUPPRESSION_MARK : value;

/** Each table of the dashboard, with its headings: the one layout the CSV and the PDF share. */
export function aimsTables(aims: NetworkAims) {
  const measure = aims.nationalMeasure?.name ?? "no national measure mapped";
  return [
    {
      title: `Aim 1: results of disadvantaged pupils against national (${measure})`,
      headers: [
        "Academic year",
        "Disadvantaged at expected (%)",
        "National disadvantaged (%)",
        "Other pupils at expected (%)",
        "Gap (points)",
        "National gap (points)",
      ],
      rows: aims.attainment.map((y): Cell[] => [
        y.academicYear,
        shown(y.disadvantagedPct, y.suppressed),
        y.nationalDisadvantagedPct,
        shown(y.otherPct, y.suppressed),
        shown(y.gap, y.suppressed),
        y.nationalGap,
      ]),
    },
    {
      title: "Aim 2: schools whose gap narrowed since the year before",
      headers: [
        "Academic year",
        "Schools compared",
        "Schools whose gap narrowed",
        "Share (%)",
        "Change in the national gap (points)",
      ],
      rows: aims.improving.map((y): Cell[] => [
        y.academicYear,
        y.schoolsCompared,
        y.schoolsNarrowed,
        y.sharePct,
        y.nationalGapChange,
      ]),
    },
    {
      title: "Aim 3: leadership and improvement capacity",
      headers: [
        "Academic year",
        "Workshop attendance recorded",
        "Present",
        "Attendance (%)",
        "Team leader places",
        "Schools leading a trio",
      ],
      rows: capacityByYear(aims.workshops, aims.leadership).map((y): Cell[] => [
        y.academicYear,
        y.recorded,
        y.present,
        y.attendancePct,
        y.teamLeaders,
        y.trioLeads,
      ]),
    },
    {
      title: "Aim 4: strategies evaluated and cascaded",
      headers: ["Academic year", "Strategies planned", "Evaluated and shared", "Cascaded wider"],
      rows: aims.strategies.map((y): Cell[] => [
        y.academicYear,
        y.planned,
        y.evaluated,
        y.cascaded,
      ]),
    },
    {
      title: "Schools, by pseudonym",
      headers: [
        "School",
        "Year",
        "Disadvantaged at expected (%)",
        "Gap (points)",
        "Gap the year before (points)",
        "Gap trend",
        "Strategies evaluated",
        "Strategies cascaded",
        "Workshop attendance (%)",
        "Team leaders",
      ],
      rows: aims.schools.map((s): Cell[] => [
        s.pseudonym,
        s.academicYear,
        shown(s.disadvantagedPct, s.suppressed),
        shown(s.gap, s.suppressed),
        s.previousGap,
        GAP_TREND_WORDS[s.trend],
        s.strategiesEvaluated,
        s.strategiesCascaded,
        s.attendancePct,
        s.teamLeaders,
      ]),
    },
  ];
}

/** The dashboard as one CSV: each table under its title, a blank line between. */
export function aimsCsv(aims: NetworkAims): string {
  const rows: Cell[][] = [];
  for (const table of aimsTables(aims)) {
    if (rows.length > 0) rows.push([]);
    rows.push([table.title], table.headers, ...table.rows);
  }
  rows.push([], [`${SUPPRESSION_MARK}: ${aims.suppressionReason}`]);
  return toCsv([`Network aims: ${aims.scope.label}`], rows);
}

/** The trend of the disadvantaged share against national, drawn for the PDF. */
function attainmentChart(aims: NetworkAims): PdfContent[] {
  const points = aims.attainment.flatMap((y) => [
    ...(y.disadvantagedPct === null
      ? []
      : [{ year: y.academicYear, value: y.disadvantagedPct, series: "Network disadvantaged" }]),
    ...(y.nationalDisadvantagedPct === null
      ? []
      : [
          {
            year: y.academicYear,
            value: y.nationalDisadvantagedPct,
            series: "National disadvantaged",
          },
        ]),
  ]);
  if (points.length === 0) return [];
  const svg = chartSvg({
    width: 480,
    height: 200,
    marginLeft: 48,
    x: { label: "Academic year", type: "point" },
    // No axis label in the chart (a PDF draws Plot's label turned over): the caption says it.
    y: { label: null, domain: [0, 100], grid: true },
    color: {
      domain: ["Network disadvantaged", "National disadvantaged"],
      range: ["#1c5d99", "#b5651d"],
    },
    marks: [
      Plot.lineY(points, { x: "year", y: "value", stroke: "series" }),
      Plot.dot(points, { x: "year", y: "value", fill: "series" }),
    ],
  });
  return [
    pdfChart(svg),
    {
      text: "Disadvantaged pupils at the expected standard (%), by year. Blue: the network's. Brown: nationally.",
      style: "small",
    },
  ];
}

/** The dashboard as a PDF: each aim's table, the trend chart, and the schools by pseudonym. */
export async function aimsPdf(aims: NetworkAims, madeOn: string): Promise<Buffer> {
  const tables = aimsTables(aims);
  const content: PdfContent[] = [];
  tables.forEach((table, i) => {
    content.push({ text: table.title, style: "heading" });
    if (i === 0) content.push(...attainmentChart(aims));
    content.push(
      table.rows.length === 0
        ? { text: "Nothing recorded yet.", style: "small" }
        : pdfTable(table.headers, table.rows),
    );
  });
  content.push({ text: `${SUPPRESSION_MARK}: ${aims.suppressionReason}`, style: "small" });
  return renderPdf({
    title: "Network aims",
    subtitle: `${aims.scope.label} · ${aims.scope.schoolCount} schools · made on ${madeOn} · aggregates only, schools by pseudonym`,
    content,
    landscape: true,
  });
}
