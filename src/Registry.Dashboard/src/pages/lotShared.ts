import type { Cell } from "../csv";
import { formatPercent } from "../i18n";
import { h } from "../dom";

/**
 * Helpers the supply-risk, exposure and lot pages share: a plain data table, rates with their unit, and the
 * registry's reasons for null figures.
 */

/** A table with a caption; columns listed in `numeric` are right-aligned figures. */
export function dataTable(caption: string, header: string[], rows: (Cell | Node)[][], numeric: number[] = [], id?: string): HTMLElement {
  const cls = (i: number) => (numeric.includes(i) ? "number" : undefined);
  return h("table", { class: "data", id },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, header.map((name, i) => h("th", { scope: "col", class: cls(i) }, name)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, row.map((cell, i) =>
      h("td", { class: cls(i) }, cell instanceof Node ? cell : cell === null || cell === undefined ? "" : String(cell)))))));
}

/** A fraction as a percentage, or the words saying why there is none. */
export const percentOr = (value: number | null | undefined, none: string, digits = 0): string =>
  value === null || value === undefined ? none : formatPercent(value, digits);

/** The registry's sentences on why figures are null ("figure: why"), as a list; nothing when none is missing. */
export const missingList = (title: string, missing: string[]): HTMLElement | null =>
  missing.length ? h("div", { class: "muted" }, h("p", {}, title), h("ul", {}, missing.map((m) => h("li", {}, m)))) : null;

/** The route's path to a lot's page. */
export const lotHref = (id: string): string => `#/lots/${encodeURIComponent(id)}`;

/** A chart's table and CSV keep figures as numbers, rounded (to grams, or to 0.001 of a share) so they read. */
export const round3 = (value: number): number => Math.round(Number(value) * 1000) / 1000;
