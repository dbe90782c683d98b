// Publication dates: parsing what editors write (wall-clock time in the site's zone, or RFC 3339 with an
// offset) and formatting in the site's zone. Nothing here reads the machine's time zone, so output is the
// same bytes under any TZ.

export type DateResult = { ok: true; instant: Date } | { ok: false; expected: string; hint: string };

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?)?$/;

export const DATE_FORMS = '"YYYY-MM-DD HH:mm" (Beijing time), "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD" or RFC 3339 with an offset';

/** Parses a front-matter date. Wall-clock forms are read in `timeZone`; impossible dates are rejected. */
export function parseDate(text: string, timeZone: string): DateResult {
  const trimmed = text.trim();
  const wall = WALL_CLOCK.exec(trimmed);
  if (wall) {
    const [y, mo, d, h = "0", mi = "0", s = "0"] = wall.slice(1) as string[];
    const fields = toFields(y!, mo!, d!, h, mi, s);
    const invalid = checkFields(fields);
    if (invalid) return invalid;
    return { ok: true, instant: zonedTimeToInstant(fields, timeZone) };
  }
  const rfc = RFC3339.exec(trimmed);
  if (rfc) {
    const [y, mo, d, h, mi, s, , offset] = rfc.slice(1) as string[];
    const fields = toFields(y!, mo!, d!, h!, mi!, s!);
    const invalid = checkFields(fields);
    if (invalid) return invalid;
    const offsetMinutes = parseOffset(offset!);
    if (offsetMinutes === undefined) return fail(`offset "${offset}" is out of range`);
    const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    return { ok: true, instant: new Date(utc - offsetMinutes * 60_000) };
  }
  const chinese = CHINESE_DATE.exec(trimmed);
  if (chinese) {
    const [y, mo, d, h, mi] = chinese.slice(1);
    const suggestion = `${y}-${pad(Number(mo))}-${pad(Number(d))} ${pad(Number(h ?? 0))}:${pad(Number(mi ?? 0))}`;
    return { ok: false, expected: DATE_FORMS, hint: `日期请写成 ${suggestion}` };
  }
  return { ok: false, expected: DATE_FORMS, hint: "日期请写成 2020-02-27 11:31 这样的格式（北京时间）" };
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function toFields(y: string, mo: string, d: string, h: string, mi: string, s: string): Fields {
  return { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s };
}

function checkFields(f: Fields): DateResult | undefined {
  if (f.month < 1 || f.month > 12) return fail(`month ${f.month} does not exist`);
  const days = daysInMonth(f.year, f.month);
  if (f.day < 1 || f.day > days) return fail(`${f.year}-${pad(f.month)} has no day ${f.day} (it has ${days})`);
  if (f.hour > 23) return fail(`hour ${f.hour} does not exist`);
  if (f.minute > 59) return fail(`minute ${f.minute} does not exist`);
  if (f.second > 59) return fail(`second ${f.second} does not exist`);
  if (f.year < 1900 || f.year > 2999) return fail(`year ${f.year} is out of range`);
  return undefined;
}

function fail(reason: string): DateResult {
  return { ok: false, expected: `a date that exists: ${reason}`, hint: "日期不存在，请检查年月日与时分" };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseOffset(offset: string): number | undefined {
  if (offset === "Z" || offset === "z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the IANA zone name is known to this Node.js. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Asking Intl for an offset is slow and every article needs three. A zone changes its offset at most a few
// times a year, never twice in one day; so a day's offset is remembered when its first and last second
// agree, and a day holding a change is always asked second by second.
const DAY = 86_400_000;
/** Per zone, per day (its first instant): the day's offset, or null for a day holding a change. */
const dayOffsets = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at `instant`, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const day = Math.floor(instant / DAY) * DAY;
  let days = dayOffsets.get(timeZone);
  if (days === undefined) dayOffsets.set(timeZone, (days = new Map()));
  let known = days.get(day);
  if (known === undefined) {
    const first = exactOffsetMinutes(day, timeZone);
    known = first === exactOffsetMinutes(day + DAY - 1000, timeZone) ? first : null;
    if (days.size >= 100_000) days.clear();
    days.set(day, known);
  }
  return known ?? exactOffsetMinutes(instant, timeZone);
}

function exactOffsetMinutes(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

function zonedTimeToInstant(f: Fields, timeZone: string): Date {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  // Two passes settle the offset on either side of a daylight-saving change.
  let guess = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  guess = asUtc - offsetMinutes(guess, timeZone) * 60_000;
  return new Date(guess);
}

/** A moment as seen on the wall clock of the site's zone. */
export interface ZonedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
}

export function toZonedTime(instant: Date, timeZone: string): ZonedTime {
  const offset = offsetMinutes(instant.getTime(), timeZone);
  const local = new Date(instant.getTime() + offset * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    offsetMinutes: offset,
  };
}

/** "2020-02-27 11:31", the form readers see. */
export function formatDisplay(t: ZonedTime): string {
  return `${formatDay(t)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** "2020-02-27". */
export function formatDay(t: ZonedTime): string {
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** RFC 3339 with the zone's offset: "2020-02-27T11:31:00+08:00". */
export function formatIso(t: ZonedTime): string {
  const sign = t.offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(t.offsetMinutes);
  return `${formatDay(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 822 (as updated by RFC 1123, the form RSS 2.0 asks for) with the zone's offset:
 *  "Thu, 27 Feb 2020 11:31:00 +0800". */
export function formatRfc822(t: ZonedTime): string {
  const weekday = WEEKDAYS[new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay()]!;
  const sign = t.offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(t.offsetMinutes);
  return `${weekday}, ${pad(t.day)} ${MONTHS[t.month - 1]!} ${t.year} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The build's reference time: SOURCE_DATE_EPOCH (seconds) when set, so builds reproduce; else now. */
export function referenceTime(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch.trim() !== "") {
    if (!/^\d+$/.test(epoch.trim())) {
      throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, received ${JSON.stringify(epoch)}`);
    }
    return new Date(Number(epoch.trim()) * 1000);
  }
  return new Date(now());
}
