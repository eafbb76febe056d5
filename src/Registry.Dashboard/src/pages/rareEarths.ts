import type { Route } from "../router";
import { words } from "../i18n";
import { h, show } from "../dom";

const text = words({ en: { title: "Rare earths" }, ja: { title: "レアアース" } });

export const rareEarths: Route = {
  path: "rare-earths", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => show(main, h("h1", {}, text().title)),
};
