export { multipartBody } from "../../bench/support.ts";
