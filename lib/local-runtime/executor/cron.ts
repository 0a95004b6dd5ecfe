// A 5-field cron parser ("minute hour day-of-month month day-of-week") with an
// optional "TZ=Area/City " (or CRON_TZ=) prefix, evaluated in UTC otherwise,
// following github.com/robfig/cron/v3 as Inngest configures it
// (pkg/inngest/trigger.go: Minute | Hour | Dom | Month | Dow, no Descriptor):
// *, ?, lists, ranges, steps and month/day names; "@hourly"-style descriptors
// and day-of-week 7 are refused. A day matches when both day fields match,
// unless neither field is a bare "*" / "?" ("*/2" counts as restricted):
// then either may match (robfig's dayMatches).

export interface CronSchedule {
  source: string;
  timeZone: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function parseValue(text: string, min: number, names?: string[], nameOffset = 0): number {
  const upper = text.toUpperCase();
  const named = names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + nameOffset;
  if (!/^\d+$/.test(text)) throw new Error(`invalid cron value "${text}"`);
  return Number(text);
}

function parseField(field: string, min: number, max: number, names?: string[], nameOffset = 0): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [rangeText, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid cron step in "${part}"`);
    let start: number;
    let end: number;
    if (rangeText === "*" || rangeText === "?") {
      start = min;
      end = max;
    } else if (rangeText.includes("-")) {
      const [a, b] = rangeText.split("-");
      start = parseValue(a, min, names, nameOffset);
      end = parseValue(b, min, names, nameOffset);
    } else {
      start = parseValue(rangeText, min, names, nameOffset);
      end = stepText === undefined ? start : max;
    }
    if (start < min || end > max || start > end) throw new Error(`cron value out of range in "${part}" (${min}-${max})`);
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values;
}

/** robfig sets its "star bit" for a "*" or "?" part without a step above 1. */
function hasStarBit(field: string): boolean {
  return field.split(",").some((part) => {
    const [range, step] = part.split("/");
    return (range === "*" || range === "?") && (step === undefined || Number(step) <= 1);
  });
}

export function parseCron(expression: string): CronSchedule {
  let rest = expression.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(rest);
  if (tz) {
    timeZone = tz[1];
    rest = rest.slice(tz[0].length);
    new Intl.DateTimeFormat("en-US", { timeZone }); // throws RangeError on an unknown zone
  }
  if (rest.startsWith("@")) throw new Error(`cron descriptors such as "${rest}" are not accepted by Inngest; write the 5 fields`);
  const fields = rest.split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron needs 5 fields, got ${fields.length}: "${expression}"`);
  const [minute, hour, dom, month, dow] = fields;
  const daysOfWeek = parseField(dow, 0, 6, DAY_NAMES);
  return {
    source: expression,
    timeZone,
    minutes: parseField(minute, 0, 59),
    hours: parseField(hour, 0, 23),
    daysOfMonth: parseField(dom, 1, 31),
    months: parseField(month, 1, 12, MONTH_NAMES, 1),
    daysOfWeek,
    dayOfMonthRestricted: !hasStarBit(dom),
    dayOfWeekRestricted: !hasStarBit(dow),
  };
}

interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, timeZone: string): WallClock {
  if (timeZone === "UTC") {
    const d = new Date(ms);
    return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
  }
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      month: "numeric",
      day: "numeric",
      weekday: "short",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: DAY_NAMES.indexOf(String(parts.weekday).toUpperCase().slice(0, 3)),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

function dayMatches(schedule: CronSchedule, clock: WallClock): boolean {
  const dom = schedule.daysOfMonth.has(clock.day);
  const dow = schedule.daysOfWeek.has(clock.weekday);
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE = 60_000;

/** The first matching minute strictly after `afterMs`, or undefined if none within ~5 years. */
export function nextCronTime(schedule: CronSchedule, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  const limit = afterMs + 5 * 366 * 24 * 60 * MINUTE;
  while (t <= limit) {
    const clock = wallClock(t, schedule.timeZone);
    const minutesLeftToday = 24 * 60 - (clock.hour * 60 + clock.minute);
    if (!schedule.months.has(clock.month) || !dayMatches(schedule, clock)) {
      // Jump to (about) the next local midnight; keep an hour of slack for DST days.
      t += Math.max(1, minutesLeftToday > 60 ? minutesLeftToday - 60 : minutesLeftToday) * MINUTE;
      continue;
    }
    if (!schedule.hours.has(clock.hour)) {
      t += (60 - clock.minute) * MINUTE;
      continue;
    }
    if (!schedule.minutes.has(clock.minute)) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}
