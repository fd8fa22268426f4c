import fs from "node:fs";
import path from "node:path";
import { Argument, Command, Option } from "commander";
import { loadConfig } from "../config.ts";
import { openConfiguredDatabase } from "../db/open-from-config.ts";
import type { ImportRowError } from "../server/errors.ts";

const MAX_FILE = 20 * 1024 * 1024;

export function createImportCommand(): Command {
  return new Command("import")
    .description(
      "Import a pupil list or an assessment export (CSV or XLSX) into a school: all or nothing",
    )
    .addArgument(
      new Argument("<kind>", "pupils or observations").choices(["pupils", "observations"]),
    )
    .argument("<file>", "the CSV or XLSX file")
    .requiredOption("--school <urn>", "the school's 6-digit URN")
    .option(
      "--point <name>",
      'for observations without a point column: the point, e.g. "2026/27 Autumn 2"',
    )
    .addOption(
      new Option(
        "--mapping <json-file>",
        "a JSON file of column → field (otherwise the suggested mapping)",
      ),
    )
    .action(
      async (
        kind: "pupils" | "observations",
        file: string,
        options: { school: string; point?: string; mapping?: string },
      ) => {
        if (!fs.existsSync(file)) {
          console.error(`No file at ${file}.`);
          process.exitCode = 1;
          return;
        }
        const size = fs.statSync(file).size;
        if (size > MAX_FILE) {
          console.error(
            `The file is ${(size / 1024 / 1024).toFixed(1)} MB; files up to 20 MB can be imported.`,
          );
          process.exitCode = 1;
          return;
        }
        const mapping = options.mapping
          ? (JSON.parse(fs.readFileSync(options.mapping, "utf8")) as Record<string, string | null>)
          : undefined;
        // Loaded when the command runs, so other commands start fast.
        const { HttpProblem } = await import("../server/errors.ts");
        const { recordAudit } = await import("../server/audit/store.ts");
        const { runImport } = await import("../server/modules/imports/service.ts");
        const config = loadConfig();
        const database = await openConfiguredDatabase(config, { migrate: true });
        try {
          const school = await database.db
            .selectFrom("schools")
            .select(["id", "name"])
            .where("urn", "=", options.school.trim())
            .executeTakeFirst();
          if (!school) {
            console.error(`No school with URN ${options.school}.`);
            process.exitCode = 1;
            return;
          }
          let assessmentPointId: string | undefined;
          if (options.point) {
            const points = await database.db
              .selectFrom("assessment_points")
              .select(["id", "name", "academic_year"])
              .where("school_id", "=", school.id)
              .execute();
            const wanted = options.point.toLowerCase().replaceAll(/\s+/g, " ").trim();
            const match = points.filter(
              (p) =>
                `${p.academic_year} ${p.name}`.toLowerCase() === wanted ||
                p.name.toLowerCase() === wanted,
            );
            if (match.length !== 1) {
              console.error(
                `No single assessment point "${options.point}". The school's points are: ${points.map((p) => `${p.academic_year} ${p.name}`).join(", ") || "none"}.`,
              );
              process.exitCode = 1;
              return;
            }
            assessmentPointId = match[0]?.id;
          }
          const now = new Date();
          const result = await database.db.transaction().execute(async (trx) => {
            const done = await runImport(
              trx,
              {
                schoolId: school.id,
                kind,
                fileName: path.basename(file),
                bytes: fs.readFileSync(file),
                ...(mapping ? { mapping } : {}),
                ...(assessmentPointId ? { assessmentPointId } : {}),
              },
              { userId: null, now },
            );
            await recordAudit(trx, now, {
              action: "import.completed",
              actorUserId: null,
              targetType: "import",
              targetId: done.importId,
              details: {
                kind,
                rows: done.rows,
                created: done.created,
                updated: done.updated,
                unchanged: done.unchanged,
                from: "terminal",
              },
            });
            return done;
          });
          console.log(
            `Imported ${result.rows} rows into ${school.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
          );
        } catch (error) {
          if (error instanceof HttpProblem) {
            console.error(error.detail);
            const rows =
              (error.extra.errors as
                | Array<ImportRowError | { field: string; message: string }>
                | undefined) ?? [];
            for (const e of rows) {
              console.error(
                "row" in e
                  ? `  row ${e.row}, ${e.column} "${e.value}": ${e.message}`
                  : `  ${e.field}: ${e.message}`,
              );
            }
            process.exitCode = 1;
            return;
          }
          throw error;
        } finally {
          await database.close();
        }
      },
    );
}
