import { getInstanceByDom } from "echarts/core";
import type { Route } from "../router";
import { chartFigure, palette } from "../charts";
import { GraphQLFailure, query } from "../graphql";
import { formatDate, formatKg, formatNumber, formatPercent, words } from "../i18n";
import { h, show } from "../dom";
import { dataTable, lotHref, round3 } from "./lotShared";

const text = words({
  en: {
    title: "Lot", notFound: "No lot with this id, or your organization may not see it.", back: "All lots",
    number: "Lot number", organization: "Organization", holder: "Holder", category: "Category", material: "Material",
    productType: "Product type", units: "Units", mass: "Mass", remaining: "Remaining", stage: "Stage", origin: "Origin country",
    none: "none",
    events: "History", type: "Event", occurred: "Occurred", recorded: "Recorded", version: "Version", actor: "Actor", details: "Data",
    composition: "Composition", component: "Component", fraction: "Share of the lot",
    provenance: "Provenance per component", source: "Source", noComposition: "The lot declares no components: only its whole mass (*) is traced.",
    recycledPre: "recycled (pre-consumer)", recycledPost: "recycled (post-consumer)", bio: "bio-based", share: "Share", wholeLot: "whole lot (*)",
    recycled: "Recycled content", pre: "Pre-consumer", post: "Post-consumer", total: "Total",
    lacks: (c: string) => `the lot contains no ${c}`,
    trace: "Trace: where the lot came from and went", direction: "Direction", depth: "Steps from this lot",
    up: "upstream (made from)", down: "downstream (went into)", root: "this lot",
    hidden: (n: number, dir: string) => `${n} ${n === 1 ? "lot" : "lots"} ${dir} you may not see (left out with their edges).`,
    truncated: (dir: string) => `The trace ${dir} stops at 10 steps: more lots lie beyond.`,
    noLineage: "The registry records no lineage for this lot that you may see.",
    edge: "Edge", edgeMass: "Mass along the edge (kg)", split: "split",
  },
  ja: {
    title: "ロット", notFound: "このIDのロットはないか、自組織には閲覧権限がありません。", back: "ロット一覧",
    number: "ロット番号", organization: "組織", holder: "保有者", category: "区分", material: "素材",
    productType: "製品種別", units: "台数", mass: "質量", remaining: "残量", stage: "段階", origin: "原産国",
    none: "なし",
    events: "履歴", type: "イベント", occurred: "発生日時", recorded: "記録日時", version: "版", actor: "実施者", details: "データ",
    composition: "組成", component: "成分", fraction: "ロット中の割合",
    provenance: "成分ごとの来歴", source: "供給元", noComposition: "このロットには成分の申告がなく、全体の質量（*）のみを追跡します。",
    recycledPre: "再生材（プレコンシューマ）", recycledPost: "再生材（ポストコンシューマ）", bio: "バイオマス由来", share: "割合", wholeLot: "ロット全体（*）",
    recycled: "再生材含有率", pre: "プレコンシューマ", post: "ポストコンシューマ", total: "合計",
    lacks: (c: string) => `このロットは${c}を含みません`,
    trace: "トレース：ロットの由来と行き先", direction: "方向", depth: "このロットからの段数",
    up: "上流（原料）", down: "下流（投入先）", root: "このロット",
    hidden: (n: number, dir: string) => `${dir}に閲覧できないロットが${n}件あります（そのエッジとともに除外）。`,
    truncated: (dir: string) => `${dir}のトレースは10段で打ち切られています。その先にもロットがあります。`,
    noLineage: "閲覧できる系譜はこのロットには記録されていません。",
    edge: "エッジ", edgeMass: "エッジの質量（kg）", split: "分割",
  },
});

interface Lot {
  id: string; lotNumber: string; organization: string; holder: string; category: string; material: string; productType: string | null;
  units: number | null; originCountry: string; massKg: number; remainingKg: number; stage: string;
  composition: { component: string; fraction: number; massKg: number }[];
  provenance: { component: string; massKg: number; sources: { source: string; share: number; massKg: number }[] }[];
  events: { type: string; occurredAt: string; recordedAt: string; version: number; actor: string; data: unknown }[];
}
interface RecycledContent { preConsumer: number; postConsumer: number; total: number }
interface TraceNode { depth: number; lot: { id: string; lotNumber: string; material: string; organization: string; massKg: number } }
interface Trace { truncated: boolean; hiddenLots: number; nodes: TraceNode[]; edges: { from: string; to: string; kind: string; massKg: number }[] }

/** Battery Regulation recycled-content elements: asked of battery lots even when absent, so the page says so. */
const batteryElements = ["Co", "Li", "Ni", "Pb"];

const componentName = (c: string) => (c === "*" ? text().wholeLot : c);
/** A provenance source in words: a country code stays as it is. */
const sourceName = (s: string) => ({ "recycled:pre": text().recycledPre, "recycled:post": text().recycledPost, bio: text().bio })[s] ?? s;

function facts(lot: Lot): HTMLElement {
  const t = text();
  const rows: [string, string][] = [[t.number, lot.lotNumber], [t.organization, lot.organization], [t.holder, lot.holder],
    [t.category, lot.category], [t.material, lot.material], [t.productType, lot.productType ?? t.none],
    [t.units, lot.units === null ? t.none : formatNumber(lot.units)], [t.origin, lot.originCountry],
    [t.mass, formatKg(lot.massKg)], [t.remaining, formatKg(lot.remainingKg)], [t.stage, lot.stage]];
  return h("dl", { class: "grid panel", id: "lot-facts" }, rows.map(([term, value]) => h("div", {}, h("dt", { class: "muted" }, term), h("dd", {}, value))));
}

function history(lot: Lot): HTMLElement {
  const t = text();
  return h("section", { class: "panel" }, dataTable(t.events, [t.type, t.occurred, t.recorded, t.version, t.actor, t.details],
      lot.events.map((e) => [e.type, formatDate(e.occurredAt), formatDate(e.recordedAt), e.version, e.actor,
        h("details", {}, h("summary", {}, t.details), h("pre", {}, JSON.stringify(e.data, null, 2)))]), [3], "lot-events"));
}

function contents(lot: Lot, recycled: [string, RecycledContent | null][]): HTMLElement[] {
  const t = text();
  const composition = lot.composition.length
    ? dataTable(t.composition, [t.component, t.fraction, t.mass],
      lot.composition.map((c) => [c.component, formatPercent(c.fraction, 2), formatKg(c.massKg)]), [1, 2], "lot-composition")
    : h("p", { class: "muted", id: "lot-composition" }, t.noComposition);
  // One stacked bar per component: the share of each source (country, recycled or bio) in it.
  const sources = [...new Set(lot.provenance.flatMap((p) => p.sources.map((s) => s.source)))];
  const share = (component: string, source: string) =>
    lot.provenance.find((p) => p.component === component)?.sources.find((s) => s.source === source)?.share ?? 0;
  const components = lot.provenance.map((p) => p.component);
  const provenance = chartFigure(t.provenance, {
    tooltip: { trigger: "axis", valueFormatter: (v: number) => formatPercent(v, 1) },
    legend: { top: 0 },
    grid: { top: 40, containLabel: true },
    xAxis: { type: "value", max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
    yAxis: { type: "category", data: components.map(componentName) },
    series: sources.map((source, i) => ({ type: "bar", stack: "share", name: sourceName(source), itemStyle: { color: palette[i % palette.length] },
      data: components.map((c) => share(c, source)) })),
  }, { fileName: `provenance-${lot.lotNumber}.csv`, header: [t.component, t.source, t.share, `${t.mass} (kg)`],
    rows: lot.provenance.flatMap((p) => p.sources.map((s) => [p.component, sourceName(s.source), round3(s.share), round3(s.massKg)])) }, 120 + 40 * components.length);
  provenance.id = "lot-provenance";
  const recycledTable = dataTable(t.recycled, [t.component, t.pre, t.post, t.total],
    recycled.map(([c, r]) => (r ? [componentName(c), formatPercent(r.preConsumer, 1), formatPercent(r.postConsumer, 1), formatPercent(r.total, 1)]
      : [componentName(c), t.lacks(c), "", ""])), [1, 2, 3], "lot-recycled");
  return [h("section", { class: "panel" }, composition), provenance, h("section", { class: "panel" }, recycledTable)];
}

function trace(lot: Lot, up: Trace, down: Trace): HTMLElement[] {
  const t = text();
  const sides = [{ trace: up, sign: -1, name: t.up }, { trace: down, sign: 1, name: t.down }];
  const rows = sides.flatMap((s) => s.trace.nodes.filter((n) => n.depth > 0).map((n) => ({ ...n, side: s })));
  if (!rows.length) return [h("section", { class: "panel" }, h("p", { class: "muted" }, t.noLineage), notes(sides))];
  // Columns by signed depth (upstream to the left), each column's lots stacked and centred on the root's row.
  const columnOf = (r: (typeof rows)[number]) => r.side.sign * r.depth;
  const size = new Map<number, number>([[0, 1]]);
  rows.forEach((r) => size.set(columnOf(r), (size.get(columnOf(r)) ?? 0) + 1));
  const placed = new Map<number, number>();
  const y = (column: number) => { const i = placed.get(column) ?? 0; placed.set(column, i + 1); return i - ((size.get(column) ?? 1) - 1) / 2; };
  // Placed on hidden value axes with fixed ranges: a free layout stretches the symbols when every lot sits on one row.
  const nodes = [{ id: lot.id, name: lot.lotNumber, value: [0, y(0)], category: 0, symbolSize: 28 },
    ...rows.map((r) => ({ id: r.lot.id, name: r.lot.lotNumber, value: [columnOf(r), y(columnOf(r))],
      category: r.side.sign < 0 ? 1 : 2, symbolSize: 18 }))];
  const columns = [...size.keys()];
  const rowsHigh = Math.max(...size.values());
  const byId = new Map([[lot.id, lot.lotNumber], ...rows.map((r) => [r.lot.id, r.lot.lotNumber] as [string, string])]);
  const edges = sides.flatMap((s) => s.trace.edges).map((e) => ({ source: e.from, target: e.to, value: e.massKg,
    label: `${byId.get(e.from) ?? e.from} → ${byId.get(e.to) ?? e.to}${e.kind === "SPLIT" ? ` (${t.split})` : ""}`,
    lineStyle: { type: e.kind === "SPLIT" ? "dashed" : "solid" } }));
  const figure = chartFigure(`${t.trace} · ${lot.lotNumber}`, {
    tooltip: { formatter: (p: { dataType: string; name: string; data: { label?: string; value?: number } }) =>
      (p.dataType === "edge" ? `${p.data.label}: ${formatKg(p.data.value ?? 0)}` : p.name) },
    legend: { top: 0, data: [t.root, t.up, t.down] },
    grid: { top: 50, bottom: 30, left: 90, right: 90 },
    xAxis: { type: "value", show: false, min: Math.min(...columns) - 0.5, max: Math.max(...columns) + 0.5 },
    yAxis: { type: "value", show: false, inverse: true, min: -rowsHigh / 2, max: rowsHigh / 2 },
    series: [{
      type: "graph", coordinateSystem: "cartesian2d",
      categories: [{ name: t.root, itemStyle: { color: palette[5] } }, { name: t.up, itemStyle: { color: palette[0] } }, { name: t.down, itemStyle: { color: palette[2] } }],
      data: nodes, links: edges, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8,
      label: { show: true, position: "bottom", fontSize: 11 },
      lineStyle: { color: "#888", width: 1.5, curveness: 0.1 },
    }],
  }, { fileName: `trace-${lot.lotNumber}.csv`, header: [t.edge, t.edgeMass],
    rows: edges.map((e) => [e.label, round3(e.value)]) }, 120 + 80 * rowsHigh);
  figure.id = "trace-graph";
  // A node opens its lot's page; chartFigure draws on the next frame, so the chart exists one frame later.
  requestAnimationFrame(() => {
    const chart = getInstanceByDom(figure.querySelector<HTMLElement>(".chart")!);
    chart?.on("click", (p) => { if (p.dataType === "node" && p.data) location.hash = lotHref((p.data as { id: string }).id); });
  });
  const table = dataTable(t.trace, [t.number, t.direction, t.depth, t.material, t.organization, t.mass],
    rows.map((r) => [h("a", { href: lotHref(r.lot.id) }, r.lot.lotNumber), r.side.name, r.depth, r.lot.material, r.lot.organization, formatKg(r.lot.massKg)]),
    [2, 5], "trace-nodes");
  return [notes(sides), figure, h("section", { class: "panel" }, table)];
}

/** What the trace leaves out: lots the viewer may not see, and lots past the depth limit. */
const notes = (sides: { trace: Trace; name: string }[]) => h("div", { id: "trace-notes" },
  sides.flatMap((s) => [s.trace.hiddenLots > 0 ? h("p", { class: "muted" }, text().hidden(s.trace.hiddenLots, s.name)) : null,
    s.trace.truncated ? h("p", { class: "muted" }, text().truncated(s.name)) : null]));

const lotFields = `id lotNumber organization holder category material productType units originCountry massKg remainingKg stage
  composition { component fraction massKg } provenance { component massKg sources { source share massKg } }
  events { type occurredAt recordedAt version actor data }`;
const traceFields = "truncated hiddenLots nodes { depth lot { id lotNumber material organization massKg } } edges { from to kind massKg }";

export const lot: Route = {
  path: "lots/:id", label: () => text().title, registryWide: false, inMenu: false,
  page: async (main, [id]) => {
    const t = text();
    // A malformed id or a lot this organization may not see is "not found" to the reader, not a registry failure.
    const { lot, up, down } = await query<{ lot: Lot | null; up: Trace | null; down: Trace | null }>(
      `query($id: ID!) { lot(id: $id) { ${lotFields} } up: trace(lotId: $id, direction: UPSTREAM) { ${traceFields} }
        down: trace(lotId: $id, direction: DOWNSTREAM) { ${traceFields} } }`, { id })
      .catch((error: unknown) => {
        if (error instanceof GraphQLFailure && (error.code === "NOT_FOUND" || error.code === "INVALID_ARGUMENT")) return { lot: null, up: null, down: null };
        throw error;
      });
    const back = h("p", {}, h("a", { href: "#/lots" }, `← ${t.back}`));
    if (!lot || !up || !down) { show(main, back, h("h1", {}, t.title), h("p", { class: "error", role: "alert" }, t.notFound)); return; }
    // Recycled content is asked per component, aliased: the whole lot, its components, and for batteries the regulated elements.
    const asked = ["*", ...new Set([...lot.composition.map((c) => c.component), ...(lot.category === "BatteryMaterial" ? batteryElements : [])])];
    const { lot: recycled } = await query<{ lot: Record<string, RecycledContent | null> }>(`query($id: ID!) { lot(id: $id) { ${asked.map((c, i) =>
      `c${i}: recycledContent(component: ${JSON.stringify(c)}) { preConsumer postConsumer total }`).join(" ")} } }`, { id });
    show(main, back, h("h1", {}, `${t.title} ${lot.lotNumber}`), facts(lot), h("h2", {}, t.events), history(lot),
      h("h2", {}, t.composition), ...contents(lot, asked.map((c, i) => [c, recycled[`c${i}`]])), h("h2", {}, t.trace), ...trace(lot, up, down));
  },
};
