import type { Route } from "../router";
import { chartFigure, palette } from "../charts";
import { query } from "../graphql";
import { common, formatKg, formatNumber, formatPercent, words } from "../i18n";
import { h, show } from "../dom";
import { dataTable, round3 } from "./lotShared";

const text = words({
  en: {
    title: "Exposure",
    intro: "Lots, products and organizations whose provenance includes a country, and what would stop if that country's supply stopped.",
    country: "Country", element: "Element", wholeLot: "whole-lot mass (*)", year: "Lots started in", allYears: "any year",
    entering: "Mass entering the registry from the country", lots: "Lots", organizations: "Organizations",
    products: "What would stop, per product type", product: "Product type", elementKg: "Mass in the product type",
    fromCountry: "From the country", atRisk: "Share at risk",
    noProducts: "No product lot draws on this country's supply.",
  },
  ja: {
    title: "供給途絶の影響",
    intro: "来歴にその国を含むロット・製品・組織と、その国からの供給が止まった場合に止まるもの。",
    country: "国", element: "元素", wholeLot: "ロット全体の質量（*）", year: "ロットの開始年", allYears: "すべての年",
    entering: "その国からレジストリに入った質量", lots: "ロット数", organizations: "組織数",
    products: "製品種別ごとに止まるもの", product: "製品種別", elementKg: "製品種別中の質量",
    fromCountry: "その国由来", atRisk: "リスクのある割合",
    noProducts: "この国の供給を使う製品ロットはありません。",
  },
});

const countries = ["CN", "AU", "MM", "JP", "US", "CL", "CD", "ZA", "ID", "RU", "AR", "BR", "PH", "CA"];
const elements = ["Dy", "Tb", "Nd", "Pr", "Co", "Li", "Ni", "Cu", "C"];

interface Exposure {
  country: string; component: string; enteringMassKg: number; lotCount: number; organizationCount: number;
  products: { productType: string; elementKg: number; fromCountryKg: number; shareAtRisk: number }[];
}

async function draw(body: HTMLElement, country: string, element: string | null, year: number | null): Promise<void> {
  const t = text();
  const { exposure: e } = await query<{ exposure: Exposure }>(
    `query($c: String!, $e: String, $y: Int) { exposure(country: $c, element: $e, year: $y) {
      country component enteringMassKg lotCount organizationCount products { productType elementKg fromCountryKg shareAtRisk } } }`,
    { c: country, e: element, y: year });
  const scope = `${e.country} · ${e.component === "*" ? t.wholeLot : e.component}`;
  const facts = h("dl", { class: "grid", id: "exposure-facts" },
    [[t.entering, formatKg(e.enteringMassKg)], [t.lots, formatNumber(e.lotCount)], [t.organizations, formatNumber(e.organizationCount)]]
      .map(([term, value]) => h("div", { class: "panel" }, h("dt", { class: "muted" }, term), h("dd", { class: "number" }, value))));
  const header = [t.product, t.elementKg, t.fromCountry, t.atRisk];
  const products = e.products.length
    ? [dataTable(`${t.products} · ${scope}`, header,
        e.products.map((p) => [p.productType, formatKg(p.elementKg), formatKg(p.fromCountryKg), formatPercent(p.shareAtRisk, 1)]), [1, 2, 3], "exposure-products"),
      chartFigure(`${t.atRisk} · ${scope}`, {
        tooltip: { valueFormatter: (v: number) => formatPercent(v, 1) },
        xAxis: { type: "category", data: e.products.map((p) => p.productType) },
        yAxis: { type: "value", max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
        series: [{ type: "bar", name: t.atRisk, barMaxWidth: 80, itemStyle: { color: palette[5] }, data: e.products.map((p) => p.shareAtRisk),
          label: { show: true, position: "top", formatter: (p: { value: number }) => formatPercent(p.value, 1) } }],
      }, { fileName: `exposure-${e.country}-${e.component === "*" ? "all" : e.component}.csv`,
        header: [t.product, `${t.elementKg} (kg)`, `${t.fromCountry} (kg)`, `${t.atRisk} (1.0 = 100%)`],
        rows: e.products.map((p) => [p.productType, round3(p.elementKg), round3(p.fromCountryKg), round3(p.shareAtRisk)]) })]
    : [h("p", { class: "muted" }, t.noProducts)];
  show(body, h("h2", {}, scope), facts, h("section", { class: "panel" }, products[0]), products.slice(1));
}

export const exposure: Route = {
  path: "exposure", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    const t = text();
    const country = h("select", { id: "exposure-country" }, countries.map((c) => h("option", { value: c }, c)));
    const element = h("select", { id: "exposure-element" }, h("option", { value: "" }, t.wholeLot),
      elements.map((e) => h("option", { value: e }, e)));
    const thisYear = new Date().getFullYear();
    const year = h("select", { id: "exposure-year" }, h("option", { value: "" }, t.allYears),
      Array.from({ length: thisYear - 2018 }, (_, i) => thisYear - i).map((y) => h("option", { value: y }, String(y))));
    const chosenYear = () => (year.value ? Number(year.value) : null);
    const body = h("div", {});
    const refresh = async () => {
      show(body, h("p", { class: "loading" }, common().loading));
      try { await draw(body, country.value, element.value || null, chosenYear()); } catch (error) {
        show(body, h("p", { class: "error", role: "alert" }, common().failed + String(error)));
      }
    };
    country.addEventListener("change", refresh);
    element.addEventListener("change", refresh);
    year.addEventListener("change", refresh);
    show(main, h("h1", {}, t.title), h("p", {}, t.intro),
      h("div", { class: "controls" },
        h("label", { for: "exposure-country" }, t.country, country), h("label", { for: "exposure-element" }, t.element, element),
        h("label", { for: "exposure-year" }, t.year, year)), body);
    await draw(body, country.value, null, null);
  },
};
