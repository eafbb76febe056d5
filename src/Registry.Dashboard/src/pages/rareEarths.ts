import type { Route } from "../router";
import { chartFigure, palette, type ChartOption } from "../charts";
import { common, formatNumber, words } from "../i18n";
import { h, show } from "../dom";
import { query } from "../graphql";
import { firstYear, missingOf, targetFields, thisYear, trendFigure, wideGrid, years, type Point, type Target } from "./kpiShared";

interface RareEarthKpis { year: number; xevUnitsPlaced: number; hreFreeXevUnits: number; hreFreeShare: number | null; targets: Target[]; missing: string[] }

const text = words({
  en: {
    title: "Rare earths",
    intro: "xEVs placed on the market each year and the share whose magnets carry no dysprosium or terbium (heavy rare earths), beside the 2030 target.",
    placed: "xEV units placed",
    hreFree: "HRE-free xEV units",
    units: "xEV units placed per year",
  },
  ja: {
    title: "レアアース",
    intro: "各年に市場投入されたxEVの台数と、磁石にジスプロシウム・テルビウム（重希土類）を含まない比率を、2030年の目標と並べて示します。",
    placed: "xEV市場投入台数",
    hreFree: "重希土類フリーのxEV台数",
    units: "年ごとのxEV市場投入台数",
  },
});

/** The units placed and the HRE-free ones side by side per year. */
function unitsFigure(answers: RareEarthKpis[]): HTMLElement {
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 16, right: 16, top: 32, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: answers.map((a) => String(a.year)) },
    yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    series: [
      { name: text().placed, type: "bar", data: answers.map((a) => a.xevUnitsPlaced), itemStyle: { color: palette[0] } },
      { name: text().hreFree, type: "bar", data: answers.map((a) => a.hreFreeXevUnits), itemStyle: { color: palette[2] } },
    ].map((s) => ({ ...s, label: { show: true, position: "top", formatter: (p: { value: number }) => (p.value ? formatNumber(p.value) : "") } })),
  };
  const figure = chartFigure(text().units, option, {
    fileName: "rare-earth-xev-units.csv",
    header: [common().year, text().placed, text().hreFree],
    rows: answers.map((a) => [a.year, formatNumber(a.xevUnitsPlaced), formatNumber(a.hreFreeXevUnits)]),
  });
  figure.id = "rare-earth-units";
  return figure;
}

export const rareEarths: Route = {
  path: "rare-earths", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    // One answer per year, each under its own alias, in one request.
    const span = years(firstYear, thisYear());
    const data = await query<Record<string, RareEarthKpis | null>>(`{ ${span.map((y) => `y${y}: rareEarthKpis(year: ${y}) {
      year xevUnitsPlaced hreFreeXevUnits hreFreeShare missing ${targetFields} }`).join("\n")} }`);
    const answers = span.map((y) => data[`y${y}`]).filter((a): a is RareEarthKpis => a !== null);
    const points: Point[] = answers.map((a) => ({
      kpi: "rareEarth.hreFreeShare", year: a.year, value: a.hreFreeShare, unit: "fraction", missing: missingOf(a.missing, "hreFreeShare"),
    }));
    const byYear = new Map(answers.map((a) => [a.year, a]));
    const share = trendFigure("rare-earth-hreFreeShare", points, answers.at(-1)?.targets ?? [], {
      header: [text().placed, text().hreFree],
      cells: (p) => [formatNumber(byYear.get(p.year)?.xevUnitsPlaced ?? 0), formatNumber(byYear.get(p.year)?.hreFreeXevUnits ?? 0)],
    });
    show(main, h("h1", {}, text().title), h("p", {}, text().intro), h("div", { style: wideGrid }, share, unitsFigure(answers)));
  },
};
