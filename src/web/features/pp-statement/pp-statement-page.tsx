import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { PpEnteredInput, PpStatement } from "../../../contracts/pp-statement.ts";
import { formatPounds } from "../../../domain/cost-effectiveness.ts";
import { ACTIVITY_TAGS, type ActivityTag } from "../../../domain/pp-statement.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { NumberField } from "../../components/number-field.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { readNumberText } from "../../lib/number-text.ts";
import { documentUrl, useMarkPublished, usePpStatement, useSavePpStatement } from "./api.ts";

/** The pupil premium strategy statement: drafted, edited by the leaders, downloaded for Word. */
export function PpStatementPage() {
  return (
    <SchoolDataPage
      title="Pupil premium statement"
      intro="Your school publishes a pupil premium strategy statement on its website by 31 December each year, on the DfE template. Cascade drafts it from your pupils, strategies and evaluations; you add the rest, then download it for Word."
    >
      {(school) => <StatementView key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function StatementView({ school }: { school: CurrentSchool }) {
  const draft = usePpStatement(school.id);
  if (draft.isPending)
    return <Loader role="status" size="sm" aria-label="Drafting the statement" />;
  if (!draft.data)
    return <ProblemAlert error={draft.error} title="The statement could not be drafted" />;
  return <StatementForm school={school} draft={draft.data} />;
}

type Form = Omit<PpEnteredInput, "allocation" | "carriedForward"> & {
  allocation: string;
  carriedForward: string;
};

const toForm = (e: PpEnteredInput): Form => ({
  ...e,
  allocation: e.allocation === null ? "" : String(e.allocation),
  carriedForward: e.carriedForward === null ? "" : String(e.carriedForward),
});

const challengeText = (numbers: number[]) => numbers.join(", ");
const readChallenges = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((n) => Number(n));

function StatementForm({ school, draft }: { school: CurrentSchool; draft: PpStatement }) {
  const [form, setForm] = useState<Form>(toForm(draft.entered));
  const [challengeInputs, setChallengeInputs] = useState<Record<string, string>>(
    Object.fromEntries(
      draft.entered.activities.map((a) => [a.strategyId, challengeText(a.challenges)]),
    ),
  );
  const save = useSavePpStatement(school.id);
  const publish = useMarkPublished(school.id);
  const errors = fieldErrorsOf(save.error);
  const edit = draft.abilities.edit;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const tagOf = (id: string) => form.activities.find((a) => a.strategyId === id)?.tag ?? null;
  const headingOf = (tag: ActivityTag) => draft.tables.find((t) => t.tag === tag)?.heading ?? tag;
  const activityIndex = (id: string) => form.activities.findIndex((a) => a.strategyId === id);

  const setTag = (id: string, tag: ActivityTag | null) =>
    set(
      "activities",
      tag === null
        ? form.activities.filter((a) => a.strategyId !== id)
        : tagOf(id)
          ? form.activities.map((a) => (a.strategyId === id ? { ...a, tag } : a))
          : [
              ...form.activities,
              { strategyId: id, tag, challenges: readChallenges(challengeInputs[id] ?? "") },
            ],
    );

  const submit = () => {
    const body: PpEnteredInput = {
      ...form,
      allocation: readNumberText(form.allocation),
      carriedForward: readNumberText(form.carriedForward),
      activities: form.activities.map((a) => ({
        ...a,
        challenges: readChallenges(challengeInputs[a.strategyId] ?? ""),
      })),
    };
    save.mutate(body);
  };

  const text = (k: "yearsCovered" | "authorisedBy" | "ppLead" | "governorLead", label: string) => (
    <TextInput
      label={label}
      value={form[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      error={errors[k]}
      readOnly={!edit}
    />
  );
  const partB = (k: keyof Form["partB"] & string, label: string) =>
    k === "programmes" ? null : (
      <Textarea
        label={label}
        autosize
        minRows={2}
        value={form.partB[k]}
        onChange={(e) => set("partB", { ...form.partB, [k]: e.currentTarget.value })}
        error={errors[`partB.${k}`]}
        readOnly={!edit}
      />
    );

  return (
    <Stack gap="lg">
      <Group>
        <Button component="a" href={documentUrl(school.id, "docx")} download>
          Download for Word (.docx)
        </Button>
        <Anchor href={documentUrl(school.id, "html")} target="_blank" rel="noopener">
          Open as a web page
        </Anchor>
      </Group>
      <Text size="sm">
        Academic year {draft.academicYear}.{" "}
        {draft.publishedAt
          ? `Marked as published on the school's website on ${new Date(draft.publishedAt).toLocaleDateString("en-GB")}.`
          : "Not yet marked as published: leaders get a reminder in December until it is."}
      </Text>
      <ProblemAlert
        error={save.error}
        title="The statement was not saved"
        shownFields={Object.keys(errors).filter((k) => !k.startsWith("activities"))}
      />

      <SectionCard id="overview" title="School overview">
        <Stack gap="sm">
          <Text size="sm">
            {draft.computed.pupilsOnRoll} pupils on roll;{" "}
            {draft.computed.proportionWithheld
              ? "the proportion eligible is withheld (fewer than 6 pupils)."
              : draft.computed.proportionPct === null
                ? "no pupils yet: import the pupil list first."
                : `${draft.computed.proportionPct.toFixed(1)}% eligible for pupil premium (${draft.computed.disadvantaged} pupils), counted by the school's rule.`}
          </Text>
          {text("yearsCovered", "Academic years the plan covers")}
          <Group grow>
            <TextInput
              type="date"
              label="Date published"
              value={form.publishedOn ?? ""}
              onChange={(e) => set("publishedOn", e.currentTarget.value || null)}
              error={errors.publishedOn}
              readOnly={!edit}
            />
            <TextInput
              type="date"
              label="Date it will be reviewed"
              value={form.reviewOn ?? ""}
              onChange={(e) => set("reviewOn", e.currentTarget.value || null)}
              error={errors.reviewOn}
              readOnly={!edit}
            />
          </Group>
          {text("authorisedBy", "Statement authorised by")}
          {text("ppLead", "Pupil premium lead")}
          {text("governorLead", "Governor or trustee lead")}
        </Stack>
      </SectionCard>

      <SectionCard id="funding" title="Funding">
        <Group grow align="flex-start">
          <NumberField
            label="Allocation this academic year (£)"
            value={form.allocation}
            onChange={(e) => set("allocation", e.currentTarget.value)}
            error={errors.allocation}
            readOnly={!edit}
          />
          <NumberField
            label="Carried forward from previous years (£)"
            description="Leave empty for £0."
            value={form.carriedForward}
            onChange={(e) => set("carriedForward", e.currentTarget.value)}
            error={errors.carriedForward}
            readOnly={!edit}
          />
        </Group>
        {draft.computed.totalBudget !== null ? (
          <Text size="sm" mt="xs">
            Total budget this year: {formatPounds(draft.computed.totalBudget)}
          </Text>
        ) : null}
      </SectionCard>

      <SectionCard id="plan" title="Statement of intent, challenges and outcomes">
        <Stack gap="sm">
          <Textarea
            label="Statement of intent"
            autosize
            minRows={3}
            value={form.intent}
            onChange={(e) => set("intent", e.currentTarget.value)}
            error={errors.intent}
            readOnly={!edit}
          />
          <Title order={3} size="h5">
            Challenges
          </Title>
          {form.challenges.length === 0 ? (
            <Text size="sm">
              No challenges yet{edit ? ": add one, or start from a suggestion below." : "."}
            </Text>
          ) : null}
          {form.challenges.map((c, i) => {
            const rowKey = `challenge-${i}`;
            return (
              <Group key={rowKey} align="flex-end">
                <Textarea
                  style={{ flex: 1 }}
                  autosize
                  label={`Challenge ${i + 1}`}
                  value={c.detail}
                  onChange={(e) =>
                    set(
                      "challenges",
                      form.challenges.map((x, j) =>
                        j === i ? { detail: e.currentTarget.value } : x,
                      ),
                    )
                  }
                  error={errors[`challenges.${i}.detail`]}
                  readOnly={!edit}
                />
                {edit ? (
                  <Button
                    variant="subtle"
                    onClick={() =>
                      set(
                        "challenges",
                        form.challenges.filter((_, j) => j !== i),
                      )
                    }
                  >
                    Remove challenge {i + 1}
                  </Button>
                ) : null}
              </Group>
            );
          })}
          {edit ? (
            <Group>
              <Button
                variant="light"
                onClick={() => set("challenges", [...form.challenges, { detail: "" }])}
              >
                Add a challenge
              </Button>
            </Group>
          ) : null}
          {edit && draft.suggestedChallenges.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                Suggested from the gap dashboard
              </Text>
              {draft.suggestedChallenges.map((s) => (
                <Group key={s} gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ flex: 1 }}>
                    {s}
                  </Text>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => set("challenges", [...form.challenges, { detail: s }])}
                  >
                    Use this
                  </Button>
                </Group>
              ))}
            </Stack>
          ) : null}
          <Title order={3} size="h5">
            Intended outcomes
          </Title>
          {form.outcomes.map((o, i) => {
            const rowKey = `outcome-${i}`;
            return (
              <Group key={rowKey} grow align="flex-start">
                <Textarea
                  autosize
                  label={`Intended outcome ${i + 1}`}
                  value={o.outcome}
                  onChange={(e) =>
                    set(
                      "outcomes",
                      form.outcomes.map((x, j) =>
                        j === i ? { ...x, outcome: e.currentTarget.value } : x,
                      ),
                    )
                  }
                  error={errors[`outcomes.${i}.outcome`]}
                  readOnly={!edit}
                />
                <Textarea
                  autosize
                  label={`Success criteria ${i + 1}`}
                  value={o.criteria}
                  onChange={(e) =>
                    set(
                      "outcomes",
                      form.outcomes.map((x, j) =>
                        j === i ? { ...x, criteria: e.currentTarget.value } : x,
                      ),
                    )
                  }
                  error={errors[`outcomes.${i}.criteria`]}
                  readOnly={!edit}
                />
              </Group>
            );
          })}
          {edit ? (
            <Group>
              <Button
                variant="light"
                onClick={() => set("outcomes", [...form.outcomes, { outcome: "", criteria: "" }])}
              >
                Add an intended outcome
              </Button>
            </Group>
          ) : null}
        </Stack>
      </SectionCard>

      <SectionCard id="activity" title="Activity this year">
        {draft.strategies.length === 0 ? (
          <EmptyNote>
            No strategies yet. Plan the school's strategies under Strategies, with their cost; then
            place each in one of the statement's three tables here.
          </EmptyNote>
        ) : (
          <Stack gap="sm">
            {draft.tables.map((t) => (
              <Text key={t.tag} size="sm">
                {t.heading}: budgeted cost {formatPounds(t.budget)}
              </Text>
            ))}
            {draft.strategies.map((s) => {
              const i = activityIndex(s.id);
              return (
                <Group key={s.id} align="flex-start" grow>
                  <Select
                    label={`Table for ${s.title}`}
                    description={
                      s.totalCost === null
                        ? "No cost recorded."
                        : `Cost ${formatPounds(s.totalCost)}`
                    }
                    data={[
                      { value: "none", label: "Not in the statement" },
                      ...ACTIVITY_TAGS.map((tag) => ({ value: tag, label: headingOf(tag) })),
                    ]}
                    value={tagOf(s.id) ?? "none"}
                    onChange={(v) => setTag(s.id, v && v !== "none" ? (v as ActivityTag) : null)}
                    allowDeselect={false}
                    error={i >= 0 ? errors[`activities.${i}.strategyId`] : undefined}
                    readOnly={!edit}
                  />
                  <TextInput
                    label={`Challenge numbers for ${s.title}`}
                    description="For example 1, 3"
                    value={challengeInputs[s.id] ?? ""}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setChallengeInputs((c) => ({ ...c, [s.id]: value }));
                    }}
                    error={i >= 0 ? errors[`activities.${i}.challenges`] : undefined}
                    readOnly={!edit}
                  />
                </Group>
              );
            })}
          </Stack>
        )}
      </SectionCard>

      <SectionCard id="part-b" title="Part B: last year's outcomes">
        <Stack gap="sm">
          {partB("performance", "How disadvantaged pupils performed, and how it was assessed")}
          <Title order={3} size="h5">
            Externally provided programmes
          </Title>
          {form.partB.programmes.length === 0 && !edit ? (
            <Text size="sm" c="dimmed">
              None entered.
            </Text>
          ) : null}
          {form.partB.programmes.map((p, i) => {
            const rowKey = `programme-${i}`;
            const setRow = (field: "programme" | "provider", value: string) =>
              set("partB", {
                ...form.partB,
                programmes: form.partB.programmes.map((x, j) =>
                  j === i ? { ...x, [field]: value } : x,
                ),
              });
            return (
              <Group key={rowKey} grow align="flex-end">
                <TextInput
                  label={`Programme ${i + 1}`}
                  value={p.programme}
                  onChange={(e) => setRow("programme", e.currentTarget.value)}
                  error={errors[`partB.programmes.${i}.programme`]}
                  readOnly={!edit}
                />
                <TextInput
                  label={`Provider of programme ${i + 1}`}
                  value={p.provider}
                  onChange={(e) => setRow("provider", e.currentTarget.value)}
                  error={errors[`partB.programmes.${i}.provider`]}
                  readOnly={!edit}
                />
                {edit ? (
                  <Button
                    variant="subtle"
                    color="red"
                    style={{ flexGrow: 0 }}
                    aria-label={`Remove programme ${i + 1}`}
                    onClick={() =>
                      set("partB", {
                        ...form.partB,
                        programmes: form.partB.programmes.filter((_, j) => j !== i),
                      })
                    }
                  >
                    Remove
                  </Button>
                ) : null}
              </Group>
            );
          })}
          {edit ? (
            <Group>
              <Button
                variant="light"
                onClick={() =>
                  set("partB", {
                    ...form.partB,
                    programmes: [...form.partB.programmes, { programme: "", provider: "" }],
                  })
                }
              >
                Add a programme
              </Button>
            </Group>
          ) : null}
          {partB("servicePupilPremiumSpent", "How service pupil premium was spent (optional)")}
          {partB("servicePupilPremiumImpact", "Its impact (optional)")}
          {partB("furtherInformation", "Further information (optional)")}
        </Stack>
      </SectionCard>

      {edit ? (
        <Group>
          <Button onClick={submit} loading={save.isPending}>
            Save the statement
          </Button>
          <Button
            variant="default"
            onClick={() => publish.mutate(!draft.publishedAt)}
            loading={publish.isPending}
          >
            {draft.publishedAt ? "Mark as not published" : "Mark as published on the website"}
          </Button>
          {save.isSuccess ? (
            <Alert color="green" role="status" p="xs">
              Saved.
            </Alert>
          ) : null}
        </Group>
      ) : (
        <Text size="sm">
          Only the school's leaders change the statement; you can read and download it.
        </Text>
      )}
      <ProblemAlert error={publish.error} title="The mark could not be changed" />

      <SectionCard id="preview" title="Preview">
        <Preview blocks={draft.blocks} />
      </SectionCard>
    </Stack>
  );
}

/** The draft as the documents show it; headings sit below the page's own. */
function Preview({ blocks }: { blocks: PpStatement["blocks"] }) {
  return (
    <Stack gap="xs" className="pp-preview">
      {blocks.map((b, i) => {
        const k = `block-${i}`;
        if (b.kind === "heading")
          return (
            <Title key={k} order={(b.level + 2) as 3 | 4 | 5} size={b.level === 1 ? "h4" : "h5"}>
              {b.text}
            </Title>
          );
        if (b.kind === "paragraph")
          return (
            <Text key={k} size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {b.text}
            </Text>
          );
        return (
          <Table key={k} withTableBorder withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                {b.columns.map((c) => (
                  <Table.Th key={c} scope="col">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.rows.map((r, j) => {
                const rowKey = `${k}-${j}`;
                return (
                  <Table.Tr key={rowKey}>
                    {r.map((c, n) => {
                      const cellKey = `${rowKey}-${n}`;
                      return (
                        <Table.Td key={cellKey} style={{ whiteSpace: "pre-wrap" }}>
                          {c}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        );
      })}
    </Stack>
  );
}
