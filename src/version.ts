import pkg from "../package.json" with { type: "json" };

/** The app's version, from package.json (inlined when the server is bundled). */
export const VERSION: string = pkg.version;
