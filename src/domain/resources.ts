/**
 * The resource library's vocabularies (issue 16): what kind of thing a resource
 * is, and who it is written for. Shared by the contract, the server and the web.
 */
export const RESOURCE_KINDS = [
  "planning_tool",
  "data_tracking_tool",
  "reading",
  "research_summary",
  "template",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  planning_tool: "Planning tool",
  data_tracking_tool: "Data-tracking tool",
  reading: "Reading",
  research_summary: "Research summary",
  template: "Template",
};

export const RESOURCE_AUDIENCES = [
  "leaders",
  "teachers",
  "teaching_assistants",
  "programme_leads",
] as const;
export type ResourceAudience = (typeof RESOURCE_AUDIENCES)[number];

export const RESOURCE_AUDIENCE_LABELS: Record<ResourceAudience, string> = {
  leaders: "Leaders",
  teachers: "Teachers",
  teaching_assistants: "Teaching assistants",
  programme_leads: "Programme leads",
};
