import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Exposure" }, ja: { title: "依存度" } });

export const exposure: Route = {
  path: "exposure", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
