/** The actions page's filters: a small module so the router can read them without loading the page. */
export const ACTION_FILTERS = ["all", "open", "in_progress", "done", "overdue"] as const;
export type ActionFilter = (typeof ACTION_FILTERS)[number];
