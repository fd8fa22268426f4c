import { ApiProblem } from "./api-client.ts";

/**
 * Fetches a file the server makes (a CSV, a PDF) and hands it to the browser
 * as a download under the name the server gave it. Resolves once the file is
 * saved, so a page can say it is being built meanwhile; a refusal comes back
 * as the server's problem.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
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
    const problem = (await response.json().catch(() => ({}))) as {
      title?: string;
      detail?: string;
    };
    throw new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? "The file could not be made.",
    );
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ??
    fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
