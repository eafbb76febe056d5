import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Lots" }, ja: { title: "ロット" } });

export const lots: Route = {
  path: "lots", label: () => text().title, registryWide: false, inMenu: true,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
