/** A chart's data as RFC 4180 CSV, downloaded from the page itself (a Blob URL: nothing leaves the browser). */
export type Cell = string | number | boolean | null | undefined;

export function toCsv(header: string[], rows: Cell[][]): string {
  const cell = (value: Cell): string => {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function downloadCsv(fileName: string, header: string[], rows: Cell[][]): void {
  // A byte-order mark so that spreadsheet programs read Japanese labels as UTF-8.
  const url = URL.createObjectURL(new Blob(["\uFEFF", toCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
