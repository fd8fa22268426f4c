import { ApiProblem } from "./api-client.ts";

/** Saves a blob as a file: an object URL on a hidden link with a `download` name, clicked once. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name the server gave in Content-Disposition, if any. */
function filenameOf(response: Response): string | null {
  const header = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(header)?.[1] ?? null;
}

/**
 * Fetches a file the server builds (a PDF export) and saves it under the
 * server's name, or `fallback`. A refusal or failure is thrown as an ApiProblem,
 * with the server's problem+json where it sent one.
 */
export async function downloadFile(url: string, fallback: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new ApiProblem(
      0,
      "No connection",
      "Cascade could not be reached. Check your connection and try again.",
    );
  }
  if (!response.ok) {
    let problem: { title?: string; detail?: string } = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not problem+json: the status says enough.
    }
    throw new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? "The file could not be made. Try again in a moment.",
    );
  }
  const filename = filenameOf(response) ?? fallback;
  saveBlob(await response.blob(), filename);
  return filename;
}
