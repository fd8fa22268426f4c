import type { Writable } from "node:stream";

/**
 * The log as a person at a terminal reads it: one line per event, with its time,
 * level and message ("19:04:12 INFO: request completed"), the request's fields
 * indented below. Redaction happens before this, in the logger itself.
 */
export async function prettyLogStream(
  destination: Writable & { isTTY?: boolean } = process.stdout,
): Promise<Writable> {
  const { default: pretty } = await import("pino-pretty");
  return pretty({
    destination,
    colorize: destination.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname",
    sync: true,
  });
}
