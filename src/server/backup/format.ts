import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import type { Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";

/**
 * A Cascade backup is one gzip file of lines (newline-delimited JSON):
 *
 *   1. the manifest (what, when, from which schema, how many rows per table);
 *   2. every row of every table, as PostgreSQL's own row_to_json, table by table in
 *      the manifest's order (foreign-key order), so it loads into either engine;
 *   3. the trailer: the sha256 of every byte of lines 1 and 2 (each with its newline).
 *
 * The checksum is in the trailer because the file is written in one streaming pass;
 * restore reads the whole file and checks it before it touches the target.
 */
export const BACKUP_FORMAT = "cascade-backup";
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
  name: string;
  rows: number;
}

export interface BackupSequence {
  name: string;
  /** null when the sequence has never handed out a value. */
  lastValue: number | null;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  engine: "pglite" | "postgres";
  /** The latest migration applied to the database backed up. */
  migrationLevel: string;
  createdAt: string;
  /** Every table, in the order its rows follow (parents before children). */
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface BackupTrailer {
  end: true;
  rows: number;
  sha256: string;
}

/** A backup file that cannot be restored: the message says why, and nothing was changed. */
export class BackupFileError extends Error {}

/** Writes lines into a gzip file, hashing them; the file appears under its name only when complete. */
export class BackupWriter {
  private readonly hash: Hash = createHash("sha256");
  private readonly gzip = zlib.createGzip({ level: 6 });
  private rows = 0;

  private constructor(private readonly sink: Writable) {
    this.gzip.pipe(sink);
  }

  static toStream(sink: Writable): BackupWriter {
    return new BackupWriter(sink);
  }

  private async line(text: string): Promise<void> {
    const withNewline = `${text}\n`;
    this.hash.update(withNewline, "utf8");
    if (!this.gzip.write(withNewline)) await once(this.gzip, "drain");
  }

  async manifest(manifest: BackupManifest): Promise<void> {
    await this.line(JSON.stringify(manifest));
  }

  /** One row, already JSON text from the database (never parsed here, so nothing is rounded). */
  async row(json: string): Promise<void> {
    if (json.includes("\n")) throw new Error("a row's JSON text held a newline");
    this.rows += 1;
    await this.line(json);
  }

  async finish(): Promise<BackupTrailer> {
    const trailer: BackupTrailer = { end: true, rows: this.rows, sha256: this.hash.digest("hex") };
    this.gzip.end(`${JSON.stringify(trailer)}\n`);
    await once(this.sink, "finish");
    return trailer;
  }
}

/** The lines of a backup file, decompressed as they are read; a damaged file throws BackupFileError. */
export async function* readLines(file: string): AsyncGenerator<string> {
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let at = rest.indexOf("\n");
      while (at !== -1) {
        yield rest.slice(0, at);
        rest = rest.slice(at + 1);
        at = rest.indexOf("\n");
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupFileError(`There is no backup file at ${file}.`);
    if (code === "Z_BUF_ERROR") {
      throw new BackupFileError(
        `The backup file ${file} is truncated (it ends before its compressed data does). Nothing was restored.`,
      );
    }
    throw new BackupFileError(
      `The backup file ${file} is damaged (${(error as Error).message}). Nothing was restored.`,
    );
  } finally {
    source.destroy();
  }
  rest += decoder.end();
  if (rest !== "") yield rest;
}

function parseJson(line: string, what: string, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(`The backup file ${file} is damaged: its ${what} is not JSON.`);
  }
}

export function parseManifest(line: string | undefined, file: string): BackupManifest {
  if (line === undefined) throw new BackupFileError(`The backup file ${file} is empty.`);
  const value = parseJson(line, "manifest", file) as Partial<BackupManifest> | null;
  if (!value || value.format !== BACKUP_FORMAT) {
    throw new BackupFileError(`${file} is not a Cascade backup (it has no Cascade manifest).`);
  }
  if (value.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `The backup file ${file} is in backup format ${value.formatVersion}; this Cascade reads format ${BACKUP_FORMAT_VERSION}.`,
    );
  }
  if (
    typeof value.migrationLevel !== "string" ||
    !Array.isArray(value.tables) ||
    !Array.isArray(value.sequences)
  ) {
    throw new BackupFileError(`The backup file ${file} is damaged: its manifest is incomplete.`);
  }
  return value as BackupManifest;
}

/**
 * Reads the whole file once: the manifest, a row count per table that matches it,
 * and the trailer's checksum over everything before it. Returns the manifest.
 */
export async function verifyBackupFile(file: string): Promise<BackupManifest> {
  const hash = createHash("sha256");
  let manifest: BackupManifest | undefined;
  // The last line is the trailer; every line between it and the manifest is a row.
  let pending: string | undefined;
  let rows = 0;
  for await (const line of readLines(file)) {
    if (manifest === undefined) {
      manifest = parseManifest(line, file);
      hash.update(`${line}\n`, "utf8");
      continue;
    }
    if (pending !== undefined) {
      rows += 1;
      hash.update(`${pending}\n`, "utf8");
    }
    pending = line;
  }
  const trailerLine = pending?.startsWith('{"end":true') ? pending : undefined;
  if (pending !== undefined && trailerLine === undefined) rows += 1;
  if (manifest === undefined) throw new BackupFileError(`The backup file ${file} is empty.`);
  if (trailerLine === undefined) {
    throw new BackupFileError(
      `The backup file ${file} is truncated: it stops after ${rows} rows, before its end. Nothing was restored.`,
    );
  }
  const trailer = parseJson(trailerLine, "end", file) as Partial<BackupTrailer>;
  const expected = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  if (trailer.sha256 !== hash.digest("hex")) {
    throw new BackupFileError(
      `The backup file ${file} fails its checksum: its contents are not what was written. Nothing was restored.`,
    );
  }
  if (trailer.rows !== rows || rows !== expected) {
    throw new BackupFileError(
      `The backup file ${file} is damaged: it holds ${rows} rows, its manifest says ${expected}.`,
    );
  }
  return manifest;
}
