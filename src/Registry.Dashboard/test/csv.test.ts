import { describe, expect, it } from "vitest";
import { toCsv } from "../src/csv";

describe("toCsv", () => {
  it("quotes only cells that need it, doubles quotes and leaves nulls empty", () => {
    expect(toCsv(["year", "rate (%)"], [[2019, 85.4], ["a,b", 'say "hi"'], [null, undefined], ["two\nlines", true]]))
      .toBe('year,rate (%)\r\n2019,85.4\r\n"a,b","say ""hi"""\r\n,\r\n"two\nlines",true\r\n');
  });
});
