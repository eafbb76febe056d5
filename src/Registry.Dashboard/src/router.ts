import { disposeCharts } from "./charts";
import { common } from "./i18n";
import { h, show } from "./dom";
import type { Route } from "./paths";
import type { Viewer } from "./session";

export type { Page, Route } from "./paths";
export { match } from "./paths";

export async function render(main: HTMLElement, route: Route, params: string[], viewer: Viewer): Promise<void> {
  disposeCharts();
  show(main, h("p", { class: "loading" }, common().loading));
  main.setAttribute("aria-busy", "true");
  try {
    await route.page(main, params, viewer);
  } catch (error) {
    show(main, h("p", { class: "error", role: "alert" }, common().failed + (error instanceof Error ? error.message : String(error))));
  } finally {
    main.removeAttribute("aria-busy");
    main.focus({ preventScroll: true });
  }
}
