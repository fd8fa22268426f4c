import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Radio,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import {
  AUDIENCE_LABELS,
  CASE_STUDY_STATUS_LABELS,
  type CaseStudy,
  TEXT_FIELD_LABELS,
  TEXT_FIELDS,
} from "../../../contracts/case-studies.ts";
import { STAGE_LABELS } from "../../../contracts/strategies.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ReportDownloads } from "../../components/pdf-download.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { type CaseStudyChanges, useCaseStudy, useCaseStudySteps } from "./api.ts";
import { headline } from "./case-study-card.tsx";
import "./case-studies.css";
import { MarkdownView } from "./markdown-view.tsx";

type TextField = (typeof TEXT_FIELDS)[number];

export function CaseStudyPage({ caseStudyId }: { caseStudyId: string }) {
  const study = useCaseStudy(caseStudyId);
  if (study.isPending) return <Loader role="status" aria-label="Loading the case study" />;
  if (study.error || !study.data)
    return <ProblemAlert error={study.error} title="The case study could not be loaded" />;
  return <CaseStudyView study={study.data} />;
}

/** The words the name scan found, field by field, from a 422. */
function namesFound(error: unknown): Array<{ field: string; words: string[] }> {
  if (!isProblem(error, 422)) return [];
  const errors = error.body.errors;
  return Array.isArray(errors)
    ? (errors as Array<{ field: string; words?: string[] }>).map((e) => ({
        field: e.field,
        words: e.words ?? [],
      }))
    : [];
}

function CaseStudyView({ study }: { study: CaseStudy }) {
  const steps = useCaseStudySteps(study.id);
  const [editing, setEditing] = useState(false);
  const found = namesFound(steps.submit.error);
  const f = study.facts;
  const d = f.data;
  return (
    <>
      <PageHeader
        title={study.title}
        intro={
          <Group gap="xs" component="span">
            <Badge variant="light">{CASE_STUDY_STATUS_LABELS[study.status]}</Badge>
            <Text span size="sm">
              {study.school}
              {study.audience
                ? ` · published to ${AUDIENCE_LABELS[study.audience].toLowerCase()}`
                : ""}
            </Text>
          </Group>
        }
        actions={
          <Group gap="sm" className="no-print">
            <AnchorLink to="/case-studies">All case studies</AnchorLink>
            {study.strategyId ? (
              <AnchorLink
                to="/my-school/strategies/$strategyId"
                params={{ strategyId: study.strategyId }}
              >
                The strategy
              </AnchorLink>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg" className="case-study">
        {found.length > 0 ? (
          <Alert color="red" variant="light" title="This case study names a pupil" role="alert">
            <Text size="sm">Remove these words, then submit again:</Text>
            <List size="sm">
              {found.map((e) => (
                <List.Item key={e.field}>
                  {TEXT_FIELD_LABELS[e.field as TextField | "title"] ?? e.field}: remove these
                  words: <strong>{e.words.join(", ")}</strong>
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : (
          <ProblemAlert error={steps.submit.error} title="The case study could not be submitted" />
        )}
        {study.abilities.edit ? (
          <Group gap="sm" className="no-print">
            <Button variant={editing ? "default" : "filled"} onClick={() => setEditing((e) => !e)}>
              {editing ? "Close the editor" : "Edit the team's words"}
            </Button>
            <Button
              variant="default"
              loading={steps.refresh.isPending}
              onClick={() => steps.refresh.mutate({})}
            >
              Refresh the facts
            </Button>
            {study.abilities.submit ? (
              <Button
                loading={steps.submit.isPending}
                onClick={() => steps.submit.mutate(undefined)}
              >
                Submit for review
              </Button>
            ) : null}
          </Group>
        ) : null}
        <ProblemAlert error={steps.refresh.error} title="The facts could not be refreshed" />
        {editing && study.abilities.edit ? (
          <Editor
            study={study}
            onSave={(c) => steps.save.mutateAsync(c)}
            error={steps.save.error}
          />
        ) : null}
        {study.abilities.review || study.abilities.comment || study.abilities.withdraw ? (
          <ReviewBox study={study} />
        ) : null}
        <SectionCard id="challenge" title="The challenge">
          <Text size="sm">
            {f.challenge.cohortText}
            {f.challenge.theme ? `. Theme: ${f.challenge.theme}.` : "."}
          </Text>
        </SectionCard>
        <SectionCard id="done" title="What was done">
          <Stack gap={4}>
            {f.done.doseText ? <Text size="sm">{f.done.doseText}</Text> : null}
            {f.done.durationText ? <Text size="sm">Duration: {f.done.durationText}</Text> : null}
            {f.done.costPerPupil !== null ? (
              <Text size="sm">
                Cost per pupil: £{f.done.costPerPupil.toFixed(2)} ({f.done.costBand?.label} on the
                EEF's scale)
              </Text>
            ) : null}
            {f.done.strand ? (
              <Text size="sm">
                EEF strand: {f.done.strand.name} ({f.done.strand.headline})
              </Text>
            ) : null}
          </Stack>
        </SectionCard>
        <SectionCard id="data" title="What the data showed">
          <Stack gap={6}>
            <Text size="sm">
              {d.measureName}, {d.period}. {d.designText}.
            </Text>
            <Text size="sm" fw={600}>
              {headline({
                g: d.g,
                ciLow: d.ciLow,
                ciHigh: d.ciHigh,
                n: d.nParticipants,
                nComparison: d.nComparison,
                designKind: d.designKind,
              })}
            </Text>
            <Text size="sm">{d.effectText}.</Text>
            {d.monthsText ? <Text size="sm">{d.monthsText}</Text> : null}
            {d.monthsNote ? <Text size="sm">{d.monthsNote}</Text> : null}
            <table className="case-study-series">
              <caption>Group means before and after</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {d.series.map((s) => (
                  <tr key={s.label}>
                    <th scope="row">{s.label}</th>
                    <td>{s.before === null ? "not shown" : s.before.toFixed(2)}</td>
                    <td>{s.after === null ? "not shown" : s.after.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.warnings.length ? (
              <List size="sm">
                {d.warnings.map((w) => (
                  <List.Item key={w}>{w}</List.Item>
                ))}
              </List>
            ) : null}
          </Stack>
        </SectionCard>
        <SectionCard id="decision" title="The decision">
          <Text size="sm">
            {f.decision
              ? `${f.decision.text} (review of ${f.decision.reviewedOn}). `
              : "No review yet. "}
            Cascade stage reached: {STAGE_LABELS[f.stage]}.
          </Text>
        </SectionCard>
        {TEXT_FIELDS.filter((k) => study[k].trim()).map((k) => (
          <SectionCard key={k} id={k} title={TEXT_FIELD_LABELS[k]}>
            <MarkdownView source={study[k]} />
          </SectionCard>
        ))}
        {study.events.length > 0 ? (
          <SectionCard id="history" title="Review history">
            <List size="sm">
              {study.events.map((e) => (
                <List.Item key={`${e.at}-${e.kind}-${e.body.slice(0, 10)}`}>
                  {e.kind.replace("_", " ")} by {e.author ?? "someone"}
                  {e.body ? `: ${e.body}` : ""}
                </List.Item>
              ))}
            </List>
          </SectionCard>
        ) : null}
        <ReportDownloads
          url={`/api/case-studies/${study.id}/case-study.pdf`}
          filename="case-study.pdf"
          what="the case study"
        />
      </Stack>
    </>
  );
}

function Editor({
  study,
  onSave,
  error,
}: {
  study: CaseStudy;
  onSave: (changes: CaseStudyChanges) => Promise<unknown>;
  error: unknown;
}) {
  const [title, setTitle] = useState(study.title);
  const [named, setNamed] = useState(study.showSchoolName);
  const [text, setText] = useState<Record<TextField, string>>({
    learned: study.learned,
    differently: study.differently,
    advice: study.advice,
    quote: study.quote,
  });
  const [saved, setSaved] = useState(false);
  return (
    <SectionCard id="editor" title="The team's words">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void onSave({ title, showSchoolName: named, ...text }).then(() => setSaved(true));
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Markdown: **bold**, *italic*, a line starting "- " for a list, "&gt; " for a quote.
            Never name a pupil: the text is checked for the school's pupils' names when you submit.
          </Text>
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          {TEXT_FIELDS.map((k) => (
            <Textarea
              key={k}
              label={TEXT_FIELD_LABELS[k]}
              value={text[k]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setText((t) => ({ ...t, [k]: value }));
              }}
              autosize
              minRows={k === "quote" ? 2 : 4}
            />
          ))}
          <Switch
            label={`Name the school (otherwise it appears as ${study.pseudonym})`}
            checked={named}
            onChange={(e) => setNamed(e.currentTarget.checked)}
          />
          <ProblemAlert error={error} title="The case study could not be saved" />
          <Group gap="sm">
            <Button type="submit">Save</Button>
            <Text size="sm" role="status" aria-live="polite">
              {saved ? "Saved." : ""}
            </Text>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

function ReviewBox({ study }: { study: CaseStudy }) {
  const steps = useCaseStudySteps(study.id);
  const [note, setNote] = useState("");
  const [audience, setAudience] = useState<"cluster" | "network">("network");
  const error =
    steps.comment.error ??
    steps.requestChanges.error ??
    steps.publish.error ??
    steps.withdraw.error;
  return (
    <SectionCard id="review" title="Review">
      <Stack gap="sm" className="no-print">
        {study.abilities.comment || study.abilities.review ? (
          <Textarea
            label="Comment or what to change"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        ) : null}
        {study.abilities.review ? (
          <Radio.Group
            label="Publish to"
            value={audience}
            onChange={(v) => setAudience(v as "cluster" | "network")}
          >
            <Group gap="md" mt={4}>
              <Radio value="cluster" label={AUDIENCE_LABELS.cluster} />
              <Radio value="network" label={AUDIENCE_LABELS.network} />
            </Group>
          </Radio.Group>
        ) : null}
        <Group gap="sm">
          {study.abilities.comment ? (
            <Button
              variant="default"
              disabled={!note.trim()}
              onClick={() => steps.comment.mutate(note, { onSuccess: () => setNote("") })}
            >
              Comment
            </Button>
          ) : null}
          {study.abilities.review ? (
            <>
              <Button
                variant="default"
                disabled={!note.trim()}
                onClick={() => steps.requestChanges.mutate(note, { onSuccess: () => setNote("") })}
              >
                Request changes
              </Button>
              <Button
                loading={steps.publish.isPending}
                onClick={() => steps.publish.mutate(audience)}
              >
                Publish
              </Button>
            </>
          ) : null}
          {study.abilities.withdraw ? (
            <Button color="red" variant="light" onClick={() => steps.withdraw.mutate(undefined)}>
              Withdraw
            </Button>
          ) : null}
        </Group>
        <ProblemAlert error={error} title="That step could not be taken" />
      </Stack>
    </SectionCard>
  );
}
