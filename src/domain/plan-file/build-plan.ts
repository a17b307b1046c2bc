import type { AggregateRule } from '../reporting/aggregate.js'
import { DEFAULT_DIGESTS, DEFAULT_REMINDERS, DEFAULT_TIMEZONE, type HolidayYearOverride, type IndicatorDef, type Plan } from '../plan-model.js'
import { inferIndicatorType, readTarget, type Target } from '../targets.js'
import type { FileFields } from './file-fields.js'

/** A field the reading and checks guarantee once they found no problem. */
function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`plan file: ${what} missing after a clean check`)
  return value
}

/**
 * The plan the product runs on, from a file that passed every check:
 * defaults filled in, indicator types inferred from their targets.
 */
export function buildPlan(file: FileFields): Plan {
  const header = need(file.plan, 'plan')
  const r = file.reminders
  const d = file.digests
  const holidays: Record<string, HolidayYearOverride> = {}
  for (const [year, o] of Object.entries(file.holidays)) holidays[year] = { off: o.off, work: o.work, remove: o.remove }
  return {
    plan: { code: need(header.code, 'plan.code'), title: need(header.title, 'plan.title'), issuer: need(header.issuer, 'plan.issuer'), timezone: header.timezone ?? DEFAULT_TIMEZONE, ...(header.tracking_from ? { trackingFrom: header.tracking_from } : {}) },
    groups: file.groups.map((g) => ({ code: need(g.code, 'group code'), name: need(g.name, 'group name') })),
    units: file.units.map((u) => ({
      code: need(u.code, 'unit code'),
      name: need(u.name, 'unit name'),
      groups: u.groups ?? [],
      external: u.external ?? false,
      standing: u.standing ?? false,
      ...(u.monitor ? { monitor: u.monitor } : {}),
    })),
    indicators: file.indicators.map((ind): IndicatorDef => {
      const targets = ind.targets ?? {}
      const readings = Object.values(targets)
        .map((t) => readTarget(t))
        .flatMap((t): Target[] => (t.ok ? [t.target] : []))
      const type = (ind.type as IndicatorDef['type'] | undefined) ?? inferIndicatorType(readings)
      return {
        code: need(ind.code, 'indicator code'),
        section: ind.section ?? '',
        name: need(ind.name, 'indicator name'),
        type,
        ...(ind.unit ? { unit: ind.unit } : type === 'percent' ? { unit: '%' } : {}),
        targets,
        responsible: need(ind.responsible, 'responsible'),
        monitor: ind.monitor ?? [],
        ...(ind.schedules ? { schedules: ind.schedules } : {}),
        ...(ind.choices ? { choices: ind.choices } : {}),
        ...(ind.aggregate ? { aggregate: ind.aggregate as AggregateRule } : {}),
        ...(ind.weight ? { weight: ind.weight } : {}),
      }
    }),
    tasks: file.tasks.map((t) => ({
      code: need(t.code, 'task code'),
      ...(t.section ? { section: t.section } : {}),
      title: need(t.title, 'task title'),
      lead: need(t.lead, 'lead'),
      support: t.support ?? [],
      ...(t.output ? { output: t.output } : {}),
      due: need(t.due, 'task due'),
    })),
    schedules: file.schedules.map((s) => ({
      code: need(s.code, 'schedule code'),
      name: need(s.name, 'schedule name'),
      period: need(s.period, 'period') as Plan['schedules'][number]['period'],
      ...(s.period === 'adhoc' ? {} : { due: need(s.due, 'schedule due') }),
      ...(s.reporters ? { reporters: s.reporters } : {}),
      compile: s.compile ?? false,
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
