import { type ChildProcess, spawn } from "node:child_process";

export interface ServeProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the port once the app listens, or rejects with its output if it exits first. */
  listening: Promise<number>;
  exited: Promise<number | null>;
}

/**
 * Starts `cascade serve` as a real child process (from the repository root). The crash
 * drill (bench/crash-drill.ts) and the integration tests share it; test/support/serve-process.ts
 * re-exports it so that it has one home.
 */
export function startServe(env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, ["bin/cascade.mjs", "serve"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`cascade serve exited with ${code}:\n${out}`));
    });
  });
  listening.catch(() => {});
  return { child, output: () => out, listening, exited };
}
