import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Trends" }, ja: { title: "推移" } });

export const trends: Route = {
  path: "trends", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
