import { disposeCharts } from "./charts";
import { common } from "./i18n";
import { h, show } from "./dom";
import type { Route } from "./paths";
import type { Viewer } from "./session";

export type { Page, Route } from "./paths";
export { match } from "./paths";

/**
 * Draws a page into a region of its own inside main: a page still waiting for its answers when the reader moves on
 * draws into a region no longer in the document, never over the next page.
 */
export async function render(main: HTMLElement, route: Route, params: string[], viewer: Viewer): Promise<void> {
  disposeCharts();
  const region = h("div", { class: "page" }, h("p", { class: "loading" }, common().loading));
  show(main, region);
  main.setAttribute("aria-busy", "true");
  try {
    await route.page(region, params, viewer);
  } catch (error) {
    show(region, h("p", { class: "error", role: "alert" }, common().failed + (error instanceof Error ? error.message : String(error))));
  } finally {
    if (region.isConnected) {
      main.removeAttribute("aria-busy");
      main.focus({ preventScroll: true });
    }
  }
}
