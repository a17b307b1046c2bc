import { parseDocument } from 'yaml'
import { z } from 'zod'
import {
  DEFAULT_DIGESTS,
  DEFAULT_REMINDERS,
  DEFAULT_TIMEZONE,
  INDICATOR_TYPES,
  PERIOD_KINDS,
  type HolidayYearOverride,
  type IndicatorDef,
  type Plan,
} from './plan-model.js'
import { inferIndicatorType, readTarget, type Target } from './targets.js'
import { ALL_UNITS } from './unit-refs.js'
import { checkScheduleDue, readScheduleDue, readTaskDue } from './calendar/due-phrases.js'

/** One thing wrong with a plan file, located the way an operator can find it. */
export interface PlanProblem {
  /** `indicators[12].targets.2030` */
  path: string
  message: string
}

export type PlanReading = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] }

const code = z
  .string()
  .trim()
  .min(1, 'code is empty')
  .max(64, 'code is longer than 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'code may hold only letters, digits, "-", "_" and "." (no spaces or diacritics)')
const text = z.string().trim().min(1, 'text is empty')
/** Plans sometimes write one code, sometimes a list. */
const codeList = z.union([code, z.array(code)]).transform((v) => (Array.isArray(v) ? v : [v]))
/** Numbers written bare in YAML (`2030: 1`) are still target texts. */
const targetText = z.union([z.string(), z.number()]).transform((v) => String(v).trim())
const localDate = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s + 'T00:00:00Z')) || new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) !== s) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a date written YYYY-MM-DD` })
    return z.NEVER
  }
  return s
})
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (24 h)')
const dateNameMap = z
  .union([z.record(z.string(), z.string()), z.array(localDate)])
  .transform((v) => (Array.isArray(v) ? Object.fromEntries(v.map((d) => [d, ''])) : v))

const planFileSchema = z.strictObject({
  plan: z.strictObject({
    code,
    title: text,
    issuer: text,
    timezone: z.string().default(DEFAULT_TIMEZONE),
  }),
  groups: z.array(z.strictObject({ code, name: text })).default([]),
  units: z
    .array(
      z.strictObject({
        code,
        name: text,
        groups: codeList.default([]),
        external: z.boolean().default(false),
        standing: z.boolean().default(false),
        monitor: code.optional(),
      }),
    )
    .min(1, 'a plan needs at least one unit'),
  indicators: z
    .array(
      z.strictObject({
        code,
        section: z.string().trim().default(''),
        name: text,
        type: z.enum(INDICATOR_TYPES as [string, ...string[]]).optional(),
        unit: z.string().trim().optional(),
        targets: z.record(z.string().regex(/^\d{4}$/, 'milestone must be a year like 2030'), targetText).default({}),
        responsible: codeList,
        monitor: codeList.default([]),
        schedules: codeList.optional(),
        choices: z.array(text).optional(),
      }),
    )
    .default([]),
  tasks: z
    .array(
      z.strictObject({
        code,
        section: z.string().trim().optional(),
        title: text,
        lead: codeList,
        support: codeList.default([]),
        output: z.string().trim().optional(),
        due: targetText,
      }),
    )
    .default([]),
  schedules: z
    .array(
      z.strictObject({
        code,
        name: text,
        period: z.enum(PERIOD_KINDS as [string, ...string[]]),
        due: text,
        reporters: codeList.optional(),
        compile: z.boolean().default(false),
        opens_working_days_before: z.number().int().min(1).max(60).optional(),
      }),
    )
    .min(1, 'a plan needs at least one reporting schedule'),
  holidays: z
    .record(
      z.string().regex(/^\d{4}$/, 'holiday overrides are keyed by year'),
      z.strictObject({ off: dateNameMap.default({}), work: dateNameMap.default({}), remove: z.array(localDate).default([]) }),
    )
    .default({}),
  reminders: z
    .strictObject({
      before_working_days: z.array(z.number().int().min(1).max(30)).optional(),
      at: hhmm.optional(),
      overdue_every_working_days: z.number().int().min(1).max(30).optional(),
      escalate_after_working_days: z.number().int().min(1).max(60).optional(),
      quiet_from: hhmm.optional(),
      quiet_to: hhmm.optional(),
      combine: z.boolean().optional(),
      combine_within_days: z.number().int().min(0).max(31).optional(),
    })
    .default({}),
  digests: z
    .strictObject({
      progress_before_working_days: z.array(z.number().int().min(1).max(30)).optional(),
      summary_after_working_days: z.number().int().min(1).max(30).optional(),
      at: hhmm.optional(),
    })
    .default({}),
})

type PlanFile = z.output<typeof planFileSchema>

/** `['indicators', 12, 'targets', '2030']` → `indicators[12].targets.2030` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += (out ? '.' : '') + String(part)
  }
  return out || '(file)'
}

/**
 * Read and check a plan file. Every problem is reported with its path, not
 * only the first, so an operator fixes the file in one pass; nothing is
 * written anywhere.
 */
export function readPlanFile(source: string): PlanReading {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '(file)', message: e.message.split('\n')[0] ?? e.message })),
    }
  }
  const parsed = planFileSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) }
  }
  const problems: PlanProblem[] = []
  const plan = toPlan(parsed.data, problems)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan }
}

function toPlan(file: PlanFile, problems: PlanProblem[]): Plan {
  const add = (path: PropertyKey[], message: string) => problems.push({ path: formatPath(path), message })

  if (!isKnownTimezone(file.plan.timezone)) add(['plan', 'timezone'], `unknown timezone "${file.plan.timezone}" (use an IANA name like Asia/Ho_Chi_Minh)`)

  const groupCodes = new Set<string>()
  file.groups.forEach((g, i) => {
    if (groupCodes.has(g.code)) add(['groups', i, 'code'], `duplicate group code "${g.code}"`)
    groupCodes.add(g.code)
  })
  const unitCodes = new Set<string>()
  file.units.forEach((u, i) => {
    if (unitCodes.has(u.code)) add(['units', i, 'code'], `duplicate unit code "${u.code}"`)
    if (groupCodes.has(u.code)) add(['units', i, 'code'], `"${u.code}" is both a unit and a group code`)
    unitCodes.add(u.code)
    u.groups.forEach((g, j) => {
      if (!groupCodes.has(g)) add(['units', i, 'groups', j], `unknown group "${g}"`)
    })
  })
  file.units.forEach((u, i) => {
    if (u.monitor !== undefined && !unitCodes.has(u.monitor)) add(['units', i, 'monitor'], `unknown unit "${u.monitor}"`)
  })
  const standing = file.units.filter((u) => u.standing)
  if (standing.length > 1) add(['units'], `only one unit may be the standing office (standing: true); found ${standing.map((u) => u.code).join(', ')}`)

  const checkRefs = (refs: readonly string[], path: PropertyKey[], allowGroups = true) => {
    refs.forEach((ref, j) => {
      if (ref === ALL_UNITS && allowGroups) return
      if (unitCodes.has(ref)) return
      if (allowGroups && groupCodes.has(ref)) return
      add([...path, j], `unknown ${allowGroups ? 'unit or group' : 'unit'} "${ref}"`)
    })
  }

  const scheduleCodes = new Set<string>()
  file.schedules.forEach((s, i) => {
    if (scheduleCodes.has(s.code)) add(['schedules', i, 'code'], `duplicate schedule code "${s.code}"`)
    scheduleCodes.add(s.code)
    const due = readScheduleDue(s.due)
    if (!due.ok) add(['schedules', i, 'due'], due.error)
    else {
      const mismatch = checkScheduleDue(s.period as Plan['schedules'][number]['period'], due.value)
      if (mismatch) add(['schedules', i, 'due'], mismatch)
    }
    if (s.reporters) checkRefs(s.reporters, ['schedules', i, 'reporters'])
  })

  const indicatorCodes = new Set<string>()
  const indicators: IndicatorDef[] = file.indicators.map((ind, i) => {
    if (indicatorCodes.has(ind.code)) add(['indicators', i, 'code'], `duplicate indicator code "${ind.code}"`)
    indicatorCodes.add(ind.code)
    checkRefs(ind.responsible, ['indicators', i, 'responsible'])
    checkRefs(ind.monitor, ['indicators', i, 'monitor'], false)
    ind.schedules?.forEach((s, j) => {
      if (!scheduleCodes.has(s)) add(['indicators', i, 'schedules', j], `unknown schedule "${s}"`)
    })
    const readings: Target[] = []
    for (const [year, raw] of Object.entries(ind.targets)) {
      const r = readTarget(raw)
      if (r.ok) readings.push(r.target)
      else add(['indicators', i, 'targets', year], r.error)
    }
    const type = (ind.type as IndicatorDef['type'] | undefined) ?? inferIndicatorType(readings)
    if (type === 'choice' && (!ind.choices || ind.choices.length < 2)) add(['indicators', i, 'choices'], 'a choice indicator needs at least two choices')
    return {
      code: ind.code,
      section: ind.section,
      name: ind.name,
      type,
      ...(ind.unit ? { unit: ind.unit } : type === 'percent' ? { unit: '%' } : {}),
      targets: ind.targets,
      responsible: ind.responsible,
      monitor: ind.monitor,
      ...(ind.schedules ? { schedules: ind.schedules } : {}),
      ...(ind.choices ? { choices: ind.choices } : {}),
    }
  })

  const taskCodes = new Set<string>()
  file.tasks.forEach((t, i) => {
    if (taskCodes.has(t.code)) add(['tasks', i, 'code'], `duplicate task code "${t.code}"`)
    taskCodes.add(t.code)
    checkRefs(t.lead, ['tasks', i, 'lead'])
    checkRefs(t.support, ['tasks', i, 'support'])
    const due = readTaskDue(t.due)
    if (!due.ok) add(['tasks', i, 'due'], due.error)
  })

  const holidays: Record<string, HolidayYearOverride> = {}
  for (const [year, o] of Object.entries(file.holidays)) {
    for (const d of [...Object.keys(o.off), ...Object.keys(o.work), ...o.remove]) {
      if (!d.startsWith(year + '-')) add(['holidays', year], `date ${d} is not in ${year}`)
    }
    holidays[year] = { off: o.off, work: o.work, remove: o.remove }
  }

  const r = file.reminders
  const d = file.digests
  return {
    plan: { code: file.plan.code, title: file.plan.title, issuer: file.plan.issuer, timezone: file.plan.timezone },
    groups: file.groups,
    units: file.units.map((u) => ({ code: u.code, name: u.name, groups: u.groups, external: u.external, standing: u.standing, ...(u.monitor ? { monitor: u.monitor } : {}) })),
    indicators,
    tasks: file.tasks.map((t) => ({
      code: t.code,
      ...(t.section ? { section: t.section } : {}),
      title: t.title,
      lead: t.lead,
      support: t.support,
      ...(t.output ? { output: t.output } : {}),
      due: t.due,
    })),
    schedules: file.schedules.map((s) => ({
      code: s.code,
      name: s.name,
      period: s.period as Plan['schedules'][number]['period'],
      due: s.due,
      ...(s.reporters ? { reporters: s.reporters } : {}),
      compile: s.compile,
      ...(s.opens_working_days_before ? { opensWorkingDaysBefore: s.opens_working_days_before } : {}),
    })),
    holidays,
    reminders: {
      beforeWorkingDays: r.before_working_days ?? DEFAULT_REMINDERS.beforeWorkingDays,
      at: r.at ?? DEFAULT_REMINDERS.at,
      overdueEveryWorkingDays: r.overdue_every_working_days ?? DEFAULT_REMINDERS.overdueEveryWorkingDays,
      escalateAfterWorkingDays: r.escalate_after_working_days ?? DEFAULT_REMINDERS.escalateAfterWorkingDays,
      quietFrom: r.quiet_from ?? DEFAULT_REMINDERS.quietFrom,
      quietTo: r.quiet_to ?? DEFAULT_REMINDERS.quietTo,
      combine: r.combine ?? DEFAULT_REMINDERS.combine,
      combineWithinDays: r.combine_within_days ?? DEFAULT_REMINDERS.combineWithinDays,
    },
    digests: {
      progressBeforeWorkingDays: d.progress_before_working_days ?? DEFAULT_DIGESTS.progressBeforeWorkingDays,
      summaryAfterWorkingDays: d.summary_after_working_days ?? DEFAULT_DIGESTS.summaryAfterWorkingDays,
      at: d.at ?? DEFAULT_DIGESTS.at,
    },
  }
}

function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The counts `dondoc plan check` prints. */
export function planCounts(plan: Plan): string {
  return `units: ${plan.units.length}, indicators: ${plan.indicators.length}, tasks: ${plan.tasks.length}, schedules: ${plan.schedules.length}`
}
