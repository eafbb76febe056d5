import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Supply risk" }, ja: { title: "供給リスク" } });

export const supplyRisk: Route = {
  path: "supply-risk", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
