/**
 * Japanese and English. Each page keeps its own words beside its code (`words({en, ja})`); this file holds the
 * locale, the words every page shares, and the formatters, so numbers, rates and dates follow the chosen locale.
 */
export type Locale = "en" | "ja";
const localeItem = "registry.locale";

let current: Locale = (localStorage.getItem(localeItem) as Locale | null) ?? (navigator.language.startsWith("ja") ? "ja" : "en");
const listeners: (() => void)[] = [];

export const locale = (): Locale => current;
export function setLocale(next: Locale): void {
  current = next;
  localStorage.setItem(localeItem, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}
export const onLocaleChange = (listener: () => void): void => void listeners.push(listener);

/** A page's words in both languages; the returned function reads the current locale at each call. */
export function words<T extends Record<string, string | ((...args: never[]) => string)>>(both: { en: T; ja: T }): () => T {
  return () => both[current];
}

export const common = words({
  en: {
    appName: "Circular-material registry",
    signOut: "Sign out",
    language: "日本語",
    loading: "Loading…",
    downloadCsv: "Download CSV",
    noValue: "no value",
    target: "Target",
    year: "Year",
    source: "Source",
    failed: "The registry did not answer: ",
    asOf: "As the registry knew it on",
    asOfNow: "now",
    apply: "Apply",
    dataTable: "Data as a table",
  },
  ja: {
    appName: "循環資源レジストリ",
    signOut: "サインアウト",
    language: "English",
    loading: "読み込み中…",
    downloadCsv: "CSVをダウンロード",
    noValue: "値なし",
    target: "目標",
    year: "年",
    source: "出典",
    failed: "レジストリから応答がありません: ",
    asOf: "時点（記録日）",
    asOfNow: "現在",
    apply: "適用",
    dataTable: "データ（表）",
  },
});

const tag = (): string => (current === "ja" ? "ja-JP" : "en-GB");

/** A number in the locale, with at most `digits` decimals. */
export const formatNumber = (value: number, digits = 0): string =>
  new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(value);

/** A mass in kilograms (the registry's unit), rounded, with its unit. */
export const formatKg = (value: number | string): string => `${formatNumber(Number(value))} kg`;

/** A fraction (1.0 = 100%) as a rounded percentage; null is said in words by the caller. */
export const formatPercent = (fraction: number, digits = 0): string =>
  new Intl.NumberFormat(tag(), { style: "percent", maximumFractionDigits: digits }).format(fraction);

export const formatDate = (iso: string): string =>
  new Intl.DateTimeFormat(tag(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
