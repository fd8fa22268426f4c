import { Badge, Card, Group, Stack, Text } from "@mantine/core";
import {
  CASE_STUDY_STATUS_LABELS,
  type CaseStudyCard as Card_,
  DESIGN_WORDS,
} from "../../../contracts/case-studies.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";

const fixed = (n: number) => (n < 0 ? `−${Math.abs(n).toFixed(2)}` : n.toFixed(2));

/** The headline result, honestly: the design and n beside g. */
export function headline(
  card: Pick<Card_, "g" | "ciLow" | "ciHigh" | "n" | "nComparison" | "designKind">,
) {
  const design = card.designKind ? DESIGN_WORDS[card.designKind] : "No design";
  const n =
    card.n === null
      ? "n not shown (5 or fewer)"
      : `n ${card.n}${card.nComparison !== null ? ` vs ${card.nComparison}` : ""}`;
  const g =
    card.g === null
      ? "no effect size shown"
      : `g ${fixed(card.g)}${card.ciLow !== null && card.ciHigh !== null ? ` (95% CI ${fixed(card.ciLow)} to ${fixed(card.ciHigh)})` : ""}`;
  return `${design} · ${n} · ${g}`;
}

export function CaseStudyCard({ card, showStatus = false }: { card: Card_; showStatus?: boolean }) {
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`cs-${card.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <AnchorLink
            id={`cs-${card.id}`}
            to="/case-studies/$caseStudyId"
            params={{ caseStudyId: card.id }}
            fw={600}
          >
            {card.title}
          </AnchorLink>
          {showStatus ? (
            <Badge variant="light">{CASE_STUDY_STATUS_LABELS[card.status]}</Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {[card.school, card.strand, card.theme, card.costBand ? `cost ${card.costBand}` : null]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        <Text size="sm">{headline(card)}</Text>
        {card.months !== null ? (
          <Text size="sm">
            About {card.months} months' progress (EEF scale, comparison-group attainment only)
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
