import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Overview" }, ja: { title: "概要" } });

export const overview: Route = {
  path: "overview", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
