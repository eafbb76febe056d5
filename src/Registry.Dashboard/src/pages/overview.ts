import type { Route } from "../router";
import { common, words } from "../i18n";
import { h, show } from "../dom";
import {
  explainMissing, formatTarget, formatValue, kpiGroups, kpiKeys, kpiLabel, kpiProgress, kpiText, latest, sourcesNote,
  targetsOf, thisYear, trajectory, type Point, type Target,
} from "./kpiShared";

const text = words({
  en: {
    title: "Overview",
    intro: (to: number) => `Each KPI's latest recorded year (2019–${to}) beside its targets, and the yearly step a straight path to each target needs.`,
    latestIn: (year: number) => `latest, ${year}`,
    noYear: (from: number, to: number) => `No value in any year ${from}–${to}.`,
  },
  ja: {
    title: "概要",
    intro: (to: number) => `各KPIの最新の記録年（2019〜${to}年）の値と目標、各目標まで直線的に進むのに必要な年あたりの伸び。`,
    latestIn: (year: number) => `最新、${year}年`,
    noYear: (from: number, to: number) => `${from}〜${to}年のいずれの年にも値がありません。`,
  },
});

function card(kpi: string, points: Point[], targets: Target[]): HTMLElement {
  const from = latest(points);
  const last = points.at(-1);
  return h("section", { class: "panel", id: `overview-${kpi.replace(/\./g, "-")}` },
    h("h3", {}, kpiLabel(kpi)),
    from
      ? h("p", {}, h("strong", { style: "font-size:1.6rem" }, formatValue(from.value, from.unit)), " ",
        h("span", { class: "muted" }, `(${text().latestIn(from.year)})`))
      : h("p", {}, text().noYear(points[0]?.year ?? 0, last?.year ?? 0), " ", last ? `${last.year}: ${explainMissing(last.missing)}` : ""),
    targets.length
      ? h("ul", {}, targets.map((t) =>
        h("li", {}, `${common().target}: ${formatTarget(t)}`, from ? [h("br"), trajectory(from, t)] : null)))
      : h("p", { class: "muted" }, kpiText().noTarget),
    targets.length ? sourcesNote(targets) : null);
}

export const overview: Route = {
  path: "overview", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    const to = thisYear();
    const { points, targets } = await kpiProgress(to);
    const keys = kpiKeys(points);
    show(main, h("h1", {}, text().title), h("p", {}, text().intro(to)),
      kpiGroups().flatMap(([group, heading]) => [h("h2", {}, heading), h("div", { class: "grid" },
        keys.filter((kpi) => kpi.startsWith(`${group}.`))
          .map((kpi) => card(kpi, points.filter((p) => p.kpi === kpi), targetsOf(kpi, targets))))]));
  },
};
