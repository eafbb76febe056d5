import type { Viewer } from "./session";

/** A page draws itself into the main region from the route's parameters (`#/lots/<id>` gives `["<id>"]`). */
export type Page = (main: HTMLElement, params: string[], viewer: Viewer) => Promise<void>;
export interface Route { path: string; label: () => string; page: Page; registryWide: boolean; inMenu: boolean }

/** Matches `#/lots/123` against `lots/:id`. */
export function match(routes: Route[], hash: string): { route: Route; params: string[] } | null {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  for (const route of routes) {
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: string[] = [];
    if (pattern.every((p, i) => (p.startsWith(":") ? (params.push(parts[i]), true) : p === parts[i]))) return { route, params };
  }
  return null;
}
