import { z } from "zod";

/**
 * The years a date in Cascade can fall in. Nothing it records (a birth, a workshop, a
 * due date, a calendar range) lies outside them, and refusing the rest keeps dates such
 * as 9999-12-31 or 0001-01-01 away from time-zone arithmetic and the database, where
 * they broke requests.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** A calendar date written YYYY-MM-DD, between 1 Jan 1900 and 31 Dec 2100. */
export const isoDate = z.iso.date("Use a date like 2026-11-23.").refine(
  (value) => {
    const year = Number(value.slice(0, 4));
    return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
  },
  { message: `Use a date between ${EARLIEST_YEAR} and ${LATEST_YEAR}.` },
);
