import { describe, expect, it } from "vitest";
import { formatDisplay, formatIso, formatRfc822, parseDate, referenceTime, toZonedTime } from "../../src/content/dates.ts";

const SHANGHAI = "Asia/Shanghai";

function show(text: string, zone = SHANGHAI) {
  const result = parseDate(text, zone);
  if (!result.ok) throw new Error(`rejected ${text}: ${result.expected}`);
  const zoned = toZonedTime(result.instant, zone);
  return { utc: result.instant.toISOString(), display: formatDisplay(zoned), iso: formatIso(zoned) };
}

describe("parseDate", () => {
  it.each([
    ["2020-02-27 11:31", "2020-02-27T03:31:00.000Z", "2020-02-27 11:31", "2020-02-27T11:31:00+08:00"],
    ["2020-02-27 11:31:45", "2020-02-27T03:31:45.000Z", "2020-02-27 11:31", "2020-02-27T11:31:45+08:00"],
    ["2020-02-27", "2020-02-26T16:00:00.000Z", "2020-02-27 00:00", "2020-02-27T00:00:00+08:00"],
    ["2020-02-27T11:31:00+08:00", "2020-02-27T03:31:00.000Z", "2020-02-27 11:31", "2020-02-27T11:31:00+08:00"],
    ["2020-02-27T03:31:00Z", "2020-02-27T03:31:00.000Z", "2020-02-27 11:31", "2020-02-27T11:31:00+08:00"],
    ["2020-02-26T22:31:00-05:00", "2020-02-27T03:31:00.000Z", "2020-02-27 11:31", "2020-02-27T11:31:00+08:00"],
    ["2024-02-29 23:59", "2024-02-29T15:59:00.000Z", "2024-02-29 23:59", "2024-02-29T23:59:00+08:00"],
    ["2020-12-31 23:30", "2020-12-31T15:30:00.000Z", "2020-12-31 23:30", "2020-12-31T23:30:00+08:00"],
  ])("reads %s as Beijing time", (text, utc, display, iso) => {
    expect(show(text)).toEqual({ utc, display, iso });
  });

  it("reads wall-clock time in the configured zone, with daylight saving", () => {
    expect(show("2020-07-01 12:00", "Europe/Berlin").iso).toBe("2020-07-01T12:00:00+02:00");
    expect(show("2020-01-01 12:00", "Europe/Berlin").iso).toBe("2020-01-01T12:00:00+01:00");
  });

  it.each([
    ["2024-02-30", "2024-02 has no day 30 (it has 29)"],
    ["2023-02-29", "2023-02 has no day 29 (it has 28)"],
    ["2020-13-01", "month 13 does not exist"],
    ["2020-04-31 10:00", "2020-04 has no day 31 (it has 30)"],
    ["2020-02-27 24:00", "hour 24 does not exist"],
    ["2020-02-27 11:60", "minute 60 does not exist"],
    ["2020-02-27T11:31:00+25:00", 'offset "+25:00" is out of range'],
  ])("rejects the impossible date %s", (text, reason) => {
    const result = parseDate(text, SHANGHAI);
    expect(result).toEqual({ ok: false, expected: `a date that exists: ${reason}`, hint: "日期不存在，请检查年月日与时分" });
  });

  it.each([
    ["2024年3月1日", "日期请写成 2024-03-01 00:00"],
    ["2024年3月1日 9:05", "日期请写成 2024-03-01 09:05"],
    ["2020/02/27 11:31", "日期请写成 2020-02-27 11:31 这样的格式（北京时间）"],
    ["27.02.2020", "日期请写成 2020-02-27 11:31 这样的格式（北京时间）"],
    ["2020-2-27 11:31", "日期请写成 2020-02-27 11:31 这样的格式（北京时间）"],
    ["2020-02-27T11:31", "日期请写成 2020-02-27 11:31 这样的格式（北京时间）"],
  ])("rejects the unsupported form %s with a hint", (text, hint) => {
    const result = parseDate(text, SHANGHAI);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.hint).toBe(hint);
  });
});

describe("referenceTime", () => {
  it("uses SOURCE_DATE_EPOCH when set", () => {
    expect(referenceTime({ SOURCE_DATE_EPOCH: "1582774260" }).toISOString()).toBe("2020-02-27T03:31:00.000Z");
  });
  it("uses the clock otherwise", () => {
    expect(referenceTime({}, () => 0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
  });
  it("refuses a malformed SOURCE_DATE_EPOCH", () => {
    expect(() => referenceTime({ SOURCE_DATE_EPOCH: "yesterday" })).toThrow(/SOURCE_DATE_EPOCH must be whole seconds/);
  });
});

describe("formatRfc822", () => {
  it.each([
    ["2020-02-27T03:31:00Z", "Asia/Shanghai", "Thu, 27 Feb 2020 11:31:00 +0800"],
    ["2020-02-29T16:00:00Z", "Asia/Shanghai", "Sun, 01 Mar 2020 00:00:00 +0800"],
    ["2024-12-31T23:59:59Z", "Asia/Shanghai", "Wed, 01 Jan 2025 07:59:59 +0800"],
    ["2024-07-01T12:00:00Z", "America/New_York", "Mon, 01 Jul 2024 08:00:00 -0400"],
    ["2024-01-15T12:00:00Z", "Asia/Kolkata", "Mon, 15 Jan 2024 17:30:00 +0530"],
  ])("%s in %s → %s", (instant, zone, expected) => {
    expect(formatRfc822(toZonedTime(new Date(instant), zone))).toBe(expected);
  });
});
