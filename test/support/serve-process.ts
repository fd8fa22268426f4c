// The real server as a child process: its home is bench/ (the crash drill uses it too, and
// bench/ never imports test/).
export { type ServeProcess, startServe } from "../../bench/serve-process.ts";
