import type { Route } from "../router";
import { chartFigure, palette, type ChartOption } from "../charts";
import { common, formatKg, formatPercent, words } from "../i18n";
import { h, show } from "../dom";
import { query } from "../graphql";
import { firstYear, kpiProgress, latest, showFailure, thisYear, years } from "./kpiShared";

type WasteRoute = "reuse" | "materialRecycling" | "chemicalRecycling" | "energyRecovery" | "incineration" | "landfill";
type Routes = Record<`${WasteRoute}Kg`, number>;
type Node = WasteRoute | "general" | "industrial" | "unclassified" | "effective" | "unused";

/** PWMI's two uses and the routes of each (PlasticsKpis.effectiveUtilizationRate counts the effective ones). */
const uses: [Node, WasteRoute[]][] = [
  ["effective", ["reuse", "materialRecycling", "chemicalRecycling", "energyRecovery"]],
  ["unused", ["incineration", "landfill"]],
];
const routeFields = uses.flatMap(([, routes]) => routes.map((r) => `${r}Kg`)).join(" ");
const colors: Partial<Record<Node, string>> = {
  general: palette[0], industrial: palette[1], unclassified: palette[7], effective: palette[2], unused: palette[5],
};

const text = words({
  en: {
    title: "Plastic flows",
    intro: "Where the year's plastic waste went, as the Plastic Waste Management Institute (PWMI) charts it: general (post-consumer) and industrial (pre-consumer) waste into effective use or not, then by route. Each node gives its mass and its share of the year's waste.",
    figure: "Plastic waste flows",
    general: "General waste", industrial: "Industrial waste", unclassified: "Waste of no stated stream",
    effective: "Effective use", unused: "Unused",
    reuse: "Reuse", materialRecycling: "Material recycling", chemicalRecycling: "Chemical recycling",
    energyRecovery: "Energy recovery", incineration: "Incineration", landfill: "Landfill",
    from: "From", to: "To", share: "Share of the year's waste",
    none: "No plastic waste recorded in this year.",
  },
  ja: {
    title: "プラスチックフロー",
    intro: "その年のプラスチック廃棄物の行き先を、プラスチック循環利用協会（PWMI）のフロー図と同じ形で示します。一般系・産業系廃棄物が有効利用と未利用に分かれ、さらに処理方法ごとに流れます。各ノードに量と年間排出量に占める割合を示します。",
    figure: "プラスチック廃棄物のフロー",
    general: "一般系廃棄物", industrial: "産業系廃棄物", unclassified: "区分のない廃棄物",
    effective: "有効利用", unused: "未利用",
    reuse: "リユース", materialRecycling: "マテリアルリサイクル", chemicalRecycling: "ケミカルリサイクル",
    energyRecovery: "エネルギー回収", incineration: "単純焼却", landfill: "埋立",
    from: "流出元", to: "流入先", share: "年間排出量に占める割合",
    none: "この年のプラスチック廃棄物の記録はありません。",
  },
});

interface Link { source: Node; target: Node; kg: number }

/** Stream → use → route links of a year, without empty ones (a Sankey draws nothing useful for 0 kg). */
function linksOf(all: Routes, general: Routes, industrial: Routes): Link[] {
  const kg = (answer: Routes, route: WasteRoute) => Number(answer[`${route}Kg`]);
  const streams: [Node, (route: WasteRoute) => number][] = [
    ["general", (r) => kg(general, r)],
    ["industrial", (r) => kg(industrial, r)],
    // Waste of a lot recycled without being collected as waste has no kind; it still counts in the year's total.
    // Kept to the gram, so that float residue of the subtraction draws no stream.
    ["unclassified", (r) => Math.round((kg(all, r) - kg(general, r) - kg(industrial, r)) * 1000) / 1000],
  ];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return [
    ...streams.flatMap(([stream, of]) => uses.map(([use, routes]) => ({ source: stream, target: use, kg: sum(routes.map(of)) }))),
    ...uses.flatMap(([use, routes]) => routes.map((r) => ({ source: use, target: r, kg: kg(all, r) }))),
  ].filter((link) => link.kg > 0);
}

function sankeyFigure(year: number, links: Link[]): HTMLElement {
  const t = text();
  const totalKg = links.filter((l) => uses.some(([use]) => use === l.target)).reduce((a, l) => a + l.kg, 0);
  const through = (node: Node, end: "source" | "target") => links.filter((l) => l[end] === node).reduce((a, l) => a + l.kg, 0);
  const nodes = [...new Set(links.flatMap((l) => [l.source, l.target]))];
  const kgOf = (node: Node) => Math.max(through(node, "source"), through(node, "target"));
  const share = (kg: number) => formatPercent(kg / totalKg, 1);
  const color = (node: Node) => colors[node] ?? colors[uses.find(([, routes]) => routes.includes(node as WasteRoute))![0]];
  const option: ChartOption = {
    tooltip: { trigger: "item", valueFormatter: (v: unknown) => formatKg(Number(v)) },
    series: [{
      type: "sankey", left: 8, right: 160, top: 16, bottom: 16, nodeGap: 14, draggable: false,
      emphasis: { focus: "adjacency" },
      lineStyle: { color: "gradient", opacity: 0.35 },
      // Names are the labels: the tooltip shows them too, and each is unique on the page.
      data: nodes.map((node) => ({ name: t[node], value: kgOf(node), itemStyle: { color: color(node) } })),
      links: links.map((l) => ({ source: t[l.source], target: t[l.target], value: l.kg })),
      label: { formatter: (p: { name: string; value: number }) => `${p.name}\n${formatKg(p.value)} (${share(p.value)})` },
    }],
  };
  const figure = chartFigure(`${t.figure} (${year})`, option, {
    fileName: `plastic-flows-${year}.csv`,
    header: [t.from, t.to, "kg", t.share],
    rows: links.map((l) => [t[l.source], t[l.target], formatKg(l.kg), share(l.kg)]),
  }, 480);
  figure.id = "plastic-sankey";
  return figure;
}

async function draw(results: HTMLElement, year: number): Promise<void> {
  show(results, h("p", { class: "loading" }, common().loading));
  // One answer per stream through aliases; the unfiltered one gives the year's total by route.
  const { all, general, industrial } = await query<Record<"all" | "general" | "industrial", Routes>>(`query($year: Int!) {
    all: plasticsKpis(year: $year) { ${routeFields} }
    general: plasticsKpis(year: $year, wasteKind: PostConsumer) { ${routeFields} }
    industrial: plasticsKpis(year: $year, wasteKind: PreConsumer) { ${routeFields} } }`, { year });
  const links = linksOf(all, general, industrial);
  show(results, links.length ? sankeyFigure(year, links) : h("p", {}, text().none));
}

export const flows: Route = {
  path: "flows", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    // Years run to the latest with plastic waste (a rate needs some): later ones would draw nothing.
    const { points } = await kpiProgress(thisYear());
    const last = latest(points.filter((p) => p.kpi === "plastics.effectiveUtilizationRate"))?.year ?? thisYear();
    const results = h("div", {});
    const select = h("select", { id: "flows-year", onchange: () => void draw(results, Number(select.value)).catch(showFailure(results)) },
      years(firstYear, last).reverse().map((y) => h("option", { value: y, selected: y === last }, String(y))));
    await draw(results, last);
    show(main, h("h1", {}, text().title), h("p", {}, text().intro),
      h("div", { class: "controls" }, h("label", { for: "flows-year" }, common().year, select)), results);
  },
};
