// offsetMinutes remembers a day's offset; around every change of a zone's rules it must still answer
// exactly what Intl says for that very second.
import { describe, expect, it } from "vitest";
import { offsetMinutes } from "../../src/content/dates.ts";

function intlOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

describe("offsetMinutes", () => {
  it.each([
    ["Europe/Berlin", "2020-03-28T00:00:00Z"],
    ["Europe/Berlin", "2020-10-24T00:00:00Z"],
    ["America/New_York", "2021-03-13T12:00:00Z"],
    ["America/New_York", "2021-11-06T12:00:00Z"],
    // Beijing kept daylight saving time from 1986 to 1991; Shanghai's local mean time ended in 1900.
    ["Asia/Shanghai", "1986-05-03T00:00:00Z"],
    ["Asia/Shanghai", "1991-09-14T00:00:00Z"],
    ["Asia/Shanghai", "1900-12-30T12:00:00Z"],
    ["Australia/Lord_Howe", "2021-04-03T00:00:00Z"],
  ])("in %s around %s equals Intl's answer minute by minute", (zone, start) => {
    const from = Date.parse(start);
    for (let t = from; t < from + 3 * 86_400_000; t += 60_000 + 1000) {
      expect(offsetMinutes(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(intlOffset(t, zone));
    }
  });
});
