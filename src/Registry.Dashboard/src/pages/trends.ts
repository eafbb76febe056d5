import type { Route } from "../router";
import { common, formatDate, words } from "../i18n";
import { h, show } from "../dom";
import { kpiGroups, kpiKeys, kpiProgress, showFailure, targetsOf, thisYear, trendFigure, wideGrid } from "./kpiShared";

const text = words({
  en: { title: "Trends", intro: "Each KPI per year since 2019 beside its targets; the dashed line is the straight path from the latest value to the next target." },
  ja: { title: "推移", intro: "各KPIの2019年以降の年次推移と目標。破線は最新値から次の目標までの直線的な推移です。" },
});

/** The end of the chosen day in UTC, so that the whole day's events count. */
const endOfDay = (date: string): string => `${date}T23:59:59Z`;

async function draw(results: HTMLElement, date: string): Promise<void> {
  show(results, h("p", { class: "loading" }, common().loading));
  const asOf = date ? endOfDay(date) : undefined;
  const to = date ? Math.min(thisYear(), Number(date.slice(0, 4))) : thisYear();
  const progress = await kpiProgress(to, asOf);
  const keys = kpiKeys(progress.points);
  show(results, kpiGroups().flatMap(([group, heading]) => [h("h2", {}, heading), h("div", { style: wideGrid },
    keys.filter((kpi) => kpi.startsWith(`${group}.`)).map((kpi) => trendFigure(`trend-${kpi.replace(/\./g, "-")}`,
      progress.points.filter((p) => p.kpi === kpi), targetsOf(kpi, progress.targets))))]));
}

export const trends: Route = {
  path: "trends", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    const input = h("input", { type: "date", id: "trends-as-of", max: new Date().toISOString().slice(0, 10) });
    const results = h("div", { class: "trends" });
    const status = h("p", { class: "muted", "aria-live": "polite" }, `${common().asOf}: ${common().asOfNow}`);
    const apply = async (event: Event) => {
      event.preventDefault();
      status.textContent = `${common().asOf}: ${input.value ? formatDate(endOfDay(input.value)) : common().asOfNow}`;
      await draw(results, input.value).catch(showFailure(results));
    };
    const form = h("form", { class: "controls", onsubmit: apply },
      h("label", { for: "trends-as-of" }, common().asOf, input),
      h("button", { type: "submit" }, common().apply));
    await draw(results, "");
    show(main, h("h1", {}, text().title), h("p", {}, text().intro), form, status, results);
  },
};
