import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface ApiRoute {
  /** URL path with dynamic segments filled with a placeholder. */
  path: string;
  methods: string[];
}

/** Every app/api route handler file, as request paths and the methods it exports. */
export function listApiRoutes(root = path.join(process.cwd(), "app", "api")): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) =>
          new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b`).test(source),
        );
        const rel = path.relative(path.join(process.cwd(), "app"), dir).split(path.sep);
        const urlPath = "/" + rel.map((seg) => (seg.startsWith("[") ? "00000000" : seg)).join("/");
        routes.push({ path: urlPath, methods });
      }
    }
  };
  walk(root);
  return routes;
}
