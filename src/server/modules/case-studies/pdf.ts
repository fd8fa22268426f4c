import * as Plot from "@observablehq/plot";
import {
  AUDIENCE_LABELS,
  type CaseStudy,
  DESIGN_WORDS,
  TEXT_FIELD_LABELS,
} from "../../../contracts/case-studies.ts";
import { STAGE_LABELS } from "../../../contracts/strategies.ts";
import { type Block, parseMarkdown, type Span } from "../../../domain/markdown.ts";
import { SUPPRESSION_MARK } from "../../../domain/suppression.ts";
import { chartSvg, type PdfContent, pdfChart, pdfTable, renderPdf } from "../../exports/pdf.ts";

const heading = (text: string): PdfContent => ({ text, style: "heading" });
const para = (text: string): PdfContent => ({ text, margin: [0, 0, 0, 6] });
const figure = (n: number | null) => (n === null ? SUPPRESSION_MARK : n.toFixed(2));

const spans = (s: Span[]) =>
  s.map((x) => ({ text: x.text, bold: x.bold ?? false, italics: x.italic ?? false }));

/** The team's Markdown as pdfmake text: every span is text, nothing becomes layout of its own. */
function markdownContent(source: string): PdfContent[] {
  return parseMarkdown(source).map((b: Block): PdfContent => {
    if (b.kind === "list")
      return b.ordered
        ? { ol: b.items.map((i) => ({ text: spans(i) })), margin: [0, 0, 0, 6] }
        : { ul: b.items.map((i) => ({ text: spans(i) })), margin: [0, 0, 0, 6] };
    if (b.kind === "heading") return { text: spans(b.spans), style: "subheading" };
    if (b.kind === "quote") return { text: spans(b.spans), italics: true, margin: [12, 0, 0, 6] };
    return { text: spans(b.spans), margin: [0, 0, 0, 6] };
  });
}

/** Before → after group means (the same figures as the table beside it). */
function seriesChart(study: CaseStudy): PdfContent | null {
  const data = study.facts.data.series.flatMap((s) =>
    s.before === null || s.after === null
      ? []
      : [
          { group: s.label, when: "Before", i: 0, mean: s.before },
          { group: s.label, when: "After", i: 1, mean: s.after },
        ],
  );
  if (data.length < 2) return null;
  return pdfChart(
    chartSvg({
      width: 420,
      height: 180,
      marginLeft: 50,
      marginRight: 160,
      x: { label: null, ticks: [0, 1], tickFormat: (i: number) => (i === 0 ? "Before" : "After") },
      y: { label: "Group mean", labelArrow: "none", grid: true, nice: true },
      color: { range: ["#0b5ca8", "#b35900"] },
      marks: [
        Plot.line(data, { x: "i", y: "mean", stroke: "group", strokeWidth: 2 }),
        Plot.dot(data, { x: "i", y: "mean", fill: "group" }),
        Plot.text(
          data.filter((d) => d.i === 1),
          { x: "i", y: "mean", text: "group", dx: 8, textAnchor: "start", fill: "#222222" },
        ),
      ],
    }),
    420,
  );
}

/** A case study as a PDF for a meeting: the facts, the chart and the team's words. */
export function caseStudyPdf(study: CaseStudy): Promise<Buffer> {
  const f = study.facts;
  const d = f.data;
  const content: PdfContent[] = [
    heading("The challenge"),
    para(
      [f.challenge.cohortText, f.challenge.theme ? `Theme: ${f.challenge.theme}.` : null]
        .filter(Boolean)
        .join(". "),
    ),
    heading("What was done"),
    ...[
      f.done.doseText,
      f.done.durationText ? `Duration: ${f.done.durationText}.` : null,
      f.done.costPerPupil !== null
        ? `Cost per pupil: £${f.done.costPerPupil.toFixed(2)} (${f.done.costBand?.label ?? ""} on the EEF's scale).`
        : null,
      f.done.strand ? `EEF strand: ${f.done.strand.name} (${f.done.strand.headline}).` : null,
    ]
      .filter((x): x is string => Boolean(x))
      .map(para),
    heading("What the data showed"),
    para(`${d.measureName}, ${d.period}. ${DESIGN_WORDS[d.designKind]}: ${d.designText}.`),
    para(
      `${d.effectText}. Participants n ${d.nParticipants ?? SUPPRESSION_MARK}${d.comparison ? `, comparison n ${d.nComparison ?? SUPPRESSION_MARK}` : ""}.`,
    ),
    ...(d.monthsText ? [para(d.monthsText)] : d.monthsNote ? [para(d.monthsNote)] : []),
    ...[seriesChart(study)].filter((c): c is PdfContent => c !== null),
    pdfTable(
      ["Group", "Mean before", "Mean after"],
      d.series.map((s) => [s.label, figure(s.before), figure(s.after)]),
    ),
    ...(d.warnings.length ? [{ ul: d.warnings, margin: [0, 0, 0, 6] } as PdfContent] : []),
    heading("The decision"),
    para(
      [
        f.decision ? `${f.decision.text} (review of ${f.decision.reviewedOn}).` : "No review yet.",
        `Cascade stage reached: ${STAGE_LABELS[f.stage]}.`,
      ].join(" "),
    ),
    ...(["learned", "differently", "advice", "quote"] as const).flatMap((field) =>
      study[field].trim()
        ? [heading(TEXT_FIELD_LABELS[field]), ...markdownContent(study[field])]
        : [],
    ),
  ];
  return renderPdf({
    title: study.title,
    subtitle: `A case study from ${study.school}${study.audience ? ` · published to ${AUDIENCE_LABELS[study.audience].toLowerCase()}` : ""} · no pupil is named; groups of 5 or fewer are not shown`,
    content,
  });
}
