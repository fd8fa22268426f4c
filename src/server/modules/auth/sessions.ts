/** Moved to src/server/access/sessions.ts; kept for the modules that still import it from here (calendar). */
export * from "../../access/sessions.ts";
