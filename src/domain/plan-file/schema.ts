import { z } from 'zod'
import { DEFAULT_TIMEZONE, INDICATOR_TYPES, PERIOD_KINDS } from '../plan-model.js'
import { AGGREGATE_RULES } from '../reporting/aggregate.js'

/**
 * The fields of a plan file, section by section, as zod schemas read one
 * field at a time (see fields.ts). Messages are for the office that wrote the
 * file, in Vietnamese.
 */
const code = z
  .string()
  .trim()
  .min(1, 'mã để trống')
  .max(64, 'mã dài quá 64 ký tự')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'mã chỉ gồm chữ không dấu, chữ số, "-", "_" và "." (không dấu cách, không dấu tiếng Việt)')
const text = z.string().trim().min(1, 'để trống')
/** Plans sometimes write one code, sometimes a list. */
const codeList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(code))
/** Numbers written bare in YAML (`2030: 1`, `due: 2026`) are still texts. */
const looseText = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim())
const localDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s, {
      message: 'ngày phải viết dạng YYYY-MM-DD và có thật',
    }),
)
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ phải viết HH:MM (24 giờ)')
const dateNameMap = z.preprocess(
  (v) => (Array.isArray(v) ? Object.fromEntries(v.map((d) => [d instanceof Date ? d.toISOString().slice(0, 10) : String(d), ''])) : v),
  z.record(z.string(), z.string()),
)

/** `plan:`: what the plan is and the timezone every deadline is computed in. */
export const headerShape = { code, title: text, issuer: text, timezone: z.string().default(DEFAULT_TIMEZONE), tracking_from: localDate.optional() }
/** `groups:` items: named sets of units ("36 thôn, buôn") that fields may name at once. */
export const groupShape = { code, name: text }
/** `units:` items: who reports, and who answers for units that cannot use the bot. */
export const unitShape = {
  code,
  name: text,
  groups: codeList.default([]),
  external: z.boolean().default(false),
  standing: z.boolean().default(false),
  monitor: code.optional(),
}
/** `indicators:` items: a measured quantity with its milestone targets and its units. */
export const indicatorShape = {
  code,
  section: z.string().trim().default(''),
  name: text,
  type: z.enum(INDICATOR_TYPES as [string, ...string[]]).optional(),
  unit: z.string().trim().optional(),
  targets: z.record(z.string().regex(/^\d{4}$/, 'mốc phải là một năm, như 2030'), looseText).default({}),
  responsible: codeList,
  monitor: codeList.default([]),
  schedules: codeList.optional(),
  choices: z.array(text).optional(),
  aggregate: z.enum(AGGREGATE_RULES as [string, ...string[]], { message: `cách tổng hợp phải là một trong: ${AGGREGATE_RULES.join(', ')}` }).optional(),
  weight: code.optional(),
}
/** `tasks:` items: an action with its lead and coordinating units and its deadline phrase. */
export const taskShape = {
  code,
  section: z.string().trim().optional(),
  title: text,
  lead: codeList,
  support: codeList.default([]),
  output: z.string().trim().optional(),
  due: looseText,
}
/** `schedules:` items: a reporting rule and its deadline phrase. */
export const scheduleShape = {
  code,
  name: text,
  period: z.enum(PERIOD_KINDS as [string, ...string[]]),
  /** Required except for `adhoc` schedules (checked in checks.ts, which knows the period). */
  due: looseText.optional(),
  reporters: codeList.optional(),
  compile: z.boolean().default(false),
  opens_working_days_before: z.number().int().min(1).max(60).optional(),
}
/** One year's holiday adjustments, as the government fixes them. */
export const holidayYearSchema = z.strictObject({ off: dateNameMap.default({}), work: dateNameMap.default({}), remove: z.array(localDate).default([]) })
/** `holidays:` keyed by year. */
export const holidaysSchema = z.record(z.string().regex(/^\d{4}$/, 'ngày nghỉ ghi theo năm, như 2026'), holidayYearSchema).default({})
/** `reminders:` overrides of the default reminder policy. */
export const remindersShape = {
  before_working_days: z.array(z.number().int().min(1).max(30)).optional(),
  at: hhmm.optional(),
  overdue_every_working_days: z.number().int().min(1).max(30).optional(),
  escalate_after_working_days: z.number().int().min(1).max(60).optional(),
  quiet_from: hhmm.optional(),
  quiet_to: hhmm.optional(),
  combine: z.boolean().optional(),
  combine_within_days: z.number().int().min(0).max(31).optional(),
}
/** `digests:` overrides of the default digest policy. */
export const digestsShape = {
  progress_before_working_days: z.array(z.number().int().min(1).max(30)).optional(),
  summary_after_working_days: z.number().int().min(1).max(30).optional(),
  at: hhmm.optional(),
}

/** The top-level keys of a plan file. */
export const SECTIONS = ['plan', 'groups', 'units', 'indicators', 'tasks', 'schedules', 'holidays', 'reminders', 'digests'] as const
