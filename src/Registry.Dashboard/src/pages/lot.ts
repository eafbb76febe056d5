import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Lot" }, ja: { title: "ロット" } });

export const lot: Route = {
  path: "lots/:id", label: () => text().title, registryWide: false, inMenu: false,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
