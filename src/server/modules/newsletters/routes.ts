import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  backIssueSchema,
  type Newsletter,
  type NewsletterItem,
  newNewsletterSchema,
  newsletterEditSchema,
  newsletterProgressSchema,
  newsletterSchema,
  newsletterSubscriptionSchema,
  newsletterSummarySchema,
  unsubscribeBodySchema,
  unsubscribeCheckSchema,
} from "../../../contracts/newsletters.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type Actor, type AppDeps, anyOf, PUBLIC, SIGNED_IN } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { appOrigin } from "../invitations/service.ts";
import { itemKey, proposeItems, snapshotOf, strandEvidence } from "./assemble.ts";
import { newsletterPolicy } from "./policy.ts";
import { renderIssue } from "./render.ts";
import { deliverInBackground } from "./send.ts";
import {
  contentOf,
  deliveryProgress,
  findNewsletter,
  insertNewsletter,
  listNewsletters,
  type NewsletterRow,
  requeueFailed,
  setSubscribed,
  startSending,
  subscriptionOf,
  updateDraft,
} from "./store.ts";
import { userOfToken } from "./token.ts";

const ADMINS = anyOf("network_admin");
const COMPILERS_ONLY = "The newsletter is compiled by the network's administrators.";
const idParams = z.strictObject({ id: z.uuid() });
const TAGS = ["newsletters"];

const summaryOf = (row: NewsletterRow) => ({
  id: row.id,
  title: row.title,
  termLabel: row.term_label,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
});

const BAD_LINK =
  "This unsubscribe link is not valid: it may have been copied incompletely. Sign in and turn the newsletter off under Settings instead.";

/**
 * The termly "what works" newsletter (issue 16): an administrator compiles an
 * issue from what Cascade proposes, previews it and sends it to every
 * subscribed member in the background; everyone reads the sent issues; each
 * person unsubscribes by the link in the email or in their settings.
 */
export async function newsletterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const progressOf = async (row: NewsletterRow) => {
    if (row.status === "draft") return null;
    return {
      ...(await deliveryProgress(deps.db, row.id)),
      mailConfigured: deps.mailer.configured,
      done: row.status === "sent",
    };
  };

  const present = async (actor: Actor, row: NewsletterRow): Promise<Newsletter> => {
    const proposal = row.status === "draft" ? await proposeItems(deps.db, actor) : null;
    const chosen = new Set(row.items.map(itemKey));
    return {
      ...summaryOf(row),
      introduction: row.introduction,
      items: row.items,
      available: proposal ? proposal.items.filter((i) => !chosen.has(itemKey(i))) : [],
      since: proposal?.since?.toISOString() ?? null,
      progress: await progressOf(row),
    };
  };

  /** An issue in the administrator's scope (the whole network): 404 when absent. */
  const issueFor = async (actor: Actor, id: string) => {
    authorize(newsletterPolicy.compile(actor), COMPILERS_ONLY);
    const row = await findNewsletter(deps.db, id);
    if (!row) throw new NotFound("newsletter");
    return row;
  };

  r.get(
    "/api/newsletters",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary: "Every issue of the newsletter, drafts included, newest first",
        response: { 200: z.object({ items: z.array(newsletterSummarySchema) }) },
      },
    },
    async (request) => {
      authorize(newsletterPolicy.compile(actorOf(request)), COMPILERS_ONLY);
      return { items: (await listNewsletters(deps.db)).map(summaryOf) };
    },
  );

  r.post(
    "/api/newsletters",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary:
          "Start an issue: Cascade proposes its items since the last sent issue (new network case studies, strands whose pooled evidence changed, new resources, the network's progress)",
        body: newNewsletterSchema,
        response: { 201: newsletterSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(newsletterPolicy.compile(actor), COMPILERS_ONLY);
      const { items } = await proposeItems(deps.db, actor);
      const row = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertNewsletter(trx, now, { ...request.body, items, createdBy: actor.userId }),
        (made) => ({
          action: "newsletter.created",
          targetType: "newsletter",
          targetId: made.id,
          details: { items: made.items.length },
        }),
      );
      reply.code(201);
      return present(actor, row);
    },
  );

  r.get(
    "/api/newsletters/:id",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary:
          "One issue as its editor sees it: its items, the other proposals, and how sending goes",
        params: idParams,
        response: { 200: newsletterSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return present(actor, await issueFor(actor, request.params.id));
    },
  );

  r.put(
    "/api/newsletters/:id",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary:
          "Edit a draft: its title, term, introduction (plain text; blank lines make paragraphs) and its items in order, chosen from what Cascade proposes",
        params: idParams,
        body: newsletterEditSchema,
        response: { 200: newsletterSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await issueFor(actor, request.params.id);
      if (row.status !== "draft")
        throw new Conflict("This issue has been sent; it can no longer change.");
      // Each item's words come from the record, never from the request.
      const known = new Map<string, NewsletterItem>();
      for (const item of row.items) known.set(itemKey(item), item);
      for (const item of (await proposeItems(deps.db, actor)).items) known.set(itemKey(item), item);
      const items: NewsletterItem[] = [];
      const errors = [];
      for (const [index, ref] of request.body.items.entries()) {
        const item = known.get(itemKey(ref));
        if (!item)
          errors.push({ field: `items.${index}`, message: "Choose one of the proposed items." });
        else if (!items.some((i) => itemKey(i) === itemKey(item))) items.push(item);
      }
      if (errors.length)
        throw new ValidationProblem("Some items are not among the proposals.", errors);
      const saved = await auditedChange(
        deps,
        actor,
        (trx, now) => updateDraft(trx, row.id, now, { ...request.body, items }),
        () => ({
          action: "newsletter.edited",
          targetType: "newsletter",
          targetId: row.id,
          details: { items: items.length },
        }),
      );
      if (!saved) throw new Conflict("This issue has been sent; it can no longer change.");
      return present(actor, saved);
    },
  );

  r.get(
    "/api/newsletters/:id/preview",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary:
          "The issue exactly as it will be mailed: subject, HTML part (all text escaped) and plain-text part",
        params: idParams,
        response: { 200: z.object({ subject: z.string(), html: z.string(), text: z.string() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await issueFor(actor, request.params.id);
      const appUrl = appOrigin(deps, request);
      return renderIssue(contentOf(row), {
        appUrl,
        unsubscribeUrl: `${appUrl}/newsletters/unsubscribe#token=(your own link)`,
      });
    },
  );

  r.get(
    "/api/newsletters/:id/progress",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary: "How sending goes: delivered, failed and waiting, and each failure's error",
        params: idParams,
        response: { 200: newsletterProgressSchema.nullable() },
      },
    },
    async (request) => progressOf(await issueFor(actorOf(request), request.params.id)),
  );

  r.post(
    "/api/newsletters/:id/send",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary:
          "Send a draft to every subscribed active member, in batches in the background (without a mail server, into the outbox); poll the progress",
        params: idParams,
        response: { 202: newsletterProgressSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await issueFor(actor, request.params.id);
      authorize(newsletterPolicy.send(actor), COMPILERS_ONLY);
      if (row.status !== "draft")
        throw new Conflict("This issue is already being sent, or was sent.");
      if (row.items.length === 0 && row.introduction.trim() === "")
        throw new ValidationProblem("An empty issue is not sent.", [
          { field: "items", message: "Add an item or write an introduction first." },
        ]);
      const snapshot = snapshotOf(await strandEvidence(deps.db, actor));
      const started = await auditedChange(
        deps,
        actor,
        (trx, now) => startSending(trx, row.id, now, snapshot),
        (result) => ({
          action: "newsletter.send_started",
          targetType: "newsletter",
          targetId: row.id,
          details: { recipients: result?.recipients ?? 0 },
        }),
      );
      if (!started) throw new Conflict("This issue is already being sent, or was sent.");
      void deliverInBackground(deps, row.id, appOrigin(deps, request), (error) =>
        request.log.error({ err: error }, "newsletter sending stopped"),
      );
      reply.code(202);
      return (await progressOf({ ...row, status: "sending" })) as NonNullable<
        Awaited<ReturnType<typeof progressOf>>
      >;
    },
  );

  r.post(
    "/api/newsletters/:id/retry",
    {
      config: { access: ADMINS },
      schema: {
        tags: TAGS,
        summary:
          "Send again to those it failed for, and finish any delivery left waiting; no one already sent to is mailed again",
        params: idParams,
        response: { 202: newsletterProgressSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await issueFor(actor, request.params.id);
      authorize(newsletterPolicy.send(actor), COMPILERS_ONLY);
      if (row.status === "draft") throw new Conflict("This issue has not been sent yet.");
      const requeued = await auditedChange(
        deps,
        actor,
        (trx) => requeueFailed(trx, row.id),
        (n) => ({
          action: "newsletter.retried",
          targetType: "newsletter",
          targetId: row.id,
          details: { requeued: n },
        }),
      );
      const status = requeued > 0 || row.status === "sending" ? "sending" : row.status;
      if (status === "sending")
        void deliverInBackground(deps, row.id, appOrigin(deps, request), (error) =>
          request.log.error({ err: error }, "newsletter sending stopped"),
        );
      reply.code(202);
      return (await progressOf({ ...row, status })) as NonNullable<
        Awaited<ReturnType<typeof progressOf>>
      >;
    },
  );

  const backIssue = (row: NewsletterRow, appUrl: string) => ({
    id: row.id,
    title: row.title,
    termLabel: row.term_label,
    sentAt: row.sent_at?.toISOString() ?? null,
    introduction: row.introduction,
    items: row.items,
    html: renderIssue(contentOf(row), { appUrl, unsubscribeUrl: null }).html,
  });

  r.get(
    "/api/newsletter-issues",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: "The sent issues of the newsletter, newest first",
        response: { 200: z.object({ items: z.array(newsletterSummarySchema) }) },
      },
    },
    async (request) => {
      authorize(
        newsletterPolicy.readBackIssues(actorOf(request)),
        "Sign in to read the newsletter.",
      );
      return { items: (await listNewsletters(deps.db, { sentOnly: true })).map(summaryOf) };
    },
  );

  r.get(
    "/api/newsletter-issues/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: "One sent issue, as it was mailed",
        params: idParams,
        response: { 200: backIssueSchema },
      },
    },
    async (request) => {
      authorize(
        newsletterPolicy.readBackIssues(actorOf(request)),
        "Sign in to read the newsletter.",
      );
      const row = await findNewsletter(deps.db, request.params.id, { sentOnly: true });
      if (!row) throw new NotFound("newsletter");
      return backIssue(row, appOrigin(deps, request));
    },
  );

  const changeSubscription = (actor: Actor, userId: string, subscribed: boolean, how: string) => {
    authorize(
      newsletterPolicy.changeSubscription(actor, { userId }),
      "Only you change your subscription.",
    );
    return auditedChange(
      deps,
      actor,
      (trx) => setSubscribed(trx, userId, subscribed),
      () => ({
        action: subscribed ? "newsletter.subscribed" : "newsletter.unsubscribed",
        targetType: "user",
        targetId: userId,
        details: { how },
      }),
    );
  };

  r.get(
    "/api/me/newsletter",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: "Whether I receive the termly newsletter",
        response: { 200: newsletterSubscriptionSchema },
      },
    },
    async (request) => {
      const me = await subscriptionOf(deps.db, actorOf(request).userId);
      return { subscribed: me?.newsletter_subscribed ?? false };
    },
  );

  r.put(
    "/api/me/newsletter",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: "Turn the termly newsletter on or off for me",
        body: newsletterSubscriptionSchema.strict(),
        response: { 200: newsletterSubscriptionSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return changeSubscription(actor, actor.userId, request.body.subscribed, "settings");
    },
  );

  /** The person an unsubscribe token names, as the actor of their own change; a clear 400 otherwise. */
  const subscriberOf = async (token: string): Promise<{ actor: Actor; subscribed: boolean }> => {
    const userId = userOfToken(deps.secrets, token);
    const user = userId ? await subscriptionOf(deps.db, userId) : undefined;
    if (!user || user.disabled_at !== null)
      throw new ValidationProblem(BAD_LINK, [{ field: "token", message: BAD_LINK }]);
    return {
      actor: {
        userId: user.id,
        name: user.name,
        email: user.email,
        sessionId: "",
        memberships: [],
      },
      subscribed: user.newsletter_subscribed,
    };
  };
  const masked = (email: string) => email.replace(/^(.).*(@.*)$/, "$1…$2");

  r.post(
    "/api/newsletter-unsubscribe",
    {
      config: { access: PUBLIC },
      schema: {
        tags: TAGS,
        summary:
          "Unsubscribe by the link in a newsletter email (no sign-in: the signed token names the person)",
        body: unsubscribeBodySchema,
        response: { 200: unsubscribeCheckSchema },
      },
    },
    async (request) => {
      const { actor } = await subscriberOf(request.body.token);
      const result = await changeSubscription(actor, actor.userId, false, "link");
      return { subscribed: result.subscribed, email: masked(actor.email) };
    },
  );
}
