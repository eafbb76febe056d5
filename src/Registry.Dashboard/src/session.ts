/**
 * The signed-in key and who it belongs to, for this tab only (sessionStorage): closing the tab or signing out
 * forgets it, and no other tab or later visit can read it.
 */
export type Role = "Manufacturer" | "Recycler" | "Ministry" | "Admin";
export interface Viewer { name: string; role: Role; country: string; gln: string | null }

const keyItem = "registry.apiKey";
const viewerItem = "registry.viewer";

export const session = {
  key: (): string | null => sessionStorage.getItem(keyItem),
  viewer: (): Viewer | null => {
    const stored = sessionStorage.getItem(viewerItem);
    return stored ? (JSON.parse(stored) as Viewer) : null;
  },
  signIn(key: string, viewer: Viewer): void {
    sessionStorage.setItem(keyItem, key);
    sessionStorage.setItem(viewerItem, JSON.stringify(viewer));
  },
  /** A key without a viewer (GraphiQL's key field): the dashboard still asks who signs in. */
  useKey(key: string): void {
    sessionStorage.setItem(keyItem, key);
  },
  signOut(): void {
    sessionStorage.removeItem(keyItem);
    sessionStorage.removeItem(viewerItem);
  },
};

/** Ministries and admins read the registry-wide figures; companies read their own lots. */
export const readsRegistryWide = (viewer: Viewer): boolean => viewer.role === "Ministry" || viewer.role === "Admin";
