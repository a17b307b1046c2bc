/**
 * The plan as the rest of the product sees it: what an operator wrote in the
 * plan file, validated and normalised. Pure data; storage and the calendar both
 * read it, so it carries no database ids.
 */

import type { AggregateRule } from './reporting/aggregate.js'

/** How an indicator's value is typed and checked. */
export type IndicatorType = 'percent' | 'number' | 'integer' | 'yes_no' | 'text' | 'choice'

/**
 * The recurrence of a reporting schedule (chế độ báo cáo). `adhoc` (đột xuất
 * theo yêu cầu) has no dates of its own: the operator opens each request with
 * its deadline (`dondoc request open`).
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine_months' | 'year' | 'once' | 'adhoc'

export const INDICATOR_TYPES: readonly IndicatorType[] = ['percent', 'number', 'integer', 'yes_no', 'text', 'choice']

/** Types whose answers are typed as numbers: they can be summed or averaged, and "2" is a value, not option 2. */
export function isNumericIndicator(type: IndicatorType): boolean {
  return type === 'percent' || type === 'number' || type === 'integer'
}
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'nine_months', 'year', 'once', 'adhoc']

/** Local calendar date in the plan's timezone, always `YYYY-MM-DD`. */
export type LocalDate = string

export interface PlanHeader {
  code: string
  title: string
  issuer: string
  /** IANA zone; every deadline of the plan is computed in it. */
  timezone: string
  /** Periods due before this local date are history: not chased, not counted as failures (default: the first import). */
  trackingFrom?: LocalDate
}

export interface GroupDef {
  code: string
  name: string
}

export interface UnitDef {
  code: string
  name: string
  groups: string[]
  /** Cannot use the bot; its monitoring unit answers for it. */
  external: boolean
  /** The standing office (cơ quan thường trực) that compiles reports; at most one per plan. */
  standing: boolean
  /** For external units: who answers for them (defaults to the monitor of their indicators). */
  monitor?: string
}

export interface IndicatorDef {
  code: string
  section: string
  name: string
  type: IndicatorType
  /** Unit of measure shown to people ("%", "doanh nghiệp", "lượt/năm"). */
  unit?: string
  /** Milestone year → target text exactly as the document writes it. */
  targets: Record<string, string>
  /** Unit codes, group codes or `all`, as written in the plan file. */
  responsible: string[]
  /** Monitoring unit codes (đơn vị theo dõi, đánh giá). */
  monitor: string[]
  /** Schedule codes this indicator is reported on; undefined = every recurring data schedule. */
  schedules?: string[]
  /** Allowed answers for `choice` indicators. */
  choices?: string[]
  /** How units' values make one figure; inferred when absent (see domain/reporting/aggregate.ts). */
  aggregate?: AggregateRule
  /** For `weighted`: the indicator whose values weigh each unit (its population, say). */
  weight?: string
}

export interface TaskDef {
  code: string
  section?: string
  title: string
  /** Lead units (chủ trì): codes, group codes or `all`. */
  lead: string[]
  /** Coordinating units (phối hợp). */
  support: string[]
  /** Expected output (kết quả, sản phẩm). */
  output?: string
  /** Deadline text as the document writes it ("9/2025", "Thường xuyên", …). */
  due: string
}

export interface ScheduleDef {
  code: string
  name: string
  period: PeriodKind
  /**
   * Deadline phrase as the document writes it ("trước ngày 05 của tháng cuối
   * quý"); absent only for `adhoc` schedules, whose requests each carry one.
   */
  due?: string
  /** Units asked to report; undefined = every unit that owns an indicator or task. */
  reporters?: string[]
  /**
   * The standing office's own consolidated report upward: the bot reminds the
   * standing office but collects no indicator values from units for it.
   */
  compile: boolean
  /** Working days before the deadline when reporting opens (default 10). */
  opensWorkingDaysBefore?: number
}

/** Per-year adjustments of the public-holiday list, as the government fixes them. */
export interface HolidayYearOverride {
  /** Extra days off: date → name. */
  off: Record<LocalDate, string>
  /** Weekend dates that are working days: date → reason. */
  work: Record<LocalDate, string>
  /** Computed holidays to drop for that year (the government moved them). */
  remove: LocalDate[]
}

export interface ReminderPolicy {
  /** Working days before the deadline to remind (1 = the last working day before it). */
  beforeWorkingDays: number[]
  /** Local time of day, `HH:MM`. */
  at: string
  /** While overdue, remind every N working days. */
  overdueEveryWorkingDays: number
  /** Escalate to the monitoring unit and the leaders after N working days late. */
  escalateAfterWorkingDays: number
  /** No message between quietFrom and quietTo (local `HH:MM`). */
  quietFrom: string
  quietTo: string
  /** Merge a 6-month/annual request with the quarter due within `combineWithinDays` days. */
  combine: boolean
  combineWithinDays: number
}

export interface DigestPolicy {
  /** Progress digests, working days before each deadline. */
  progressBeforeWorkingDays: number[]
  /** Period summary, working days after the deadline (1 = first working day after it). */
  summaryAfterWorkingDays: number
  at: string
}

export interface Plan {
  plan: PlanHeader
  groups: GroupDef[]
  units: UnitDef[]
  indicators: IndicatorDef[]
  tasks: TaskDef[]
  schedules: ScheduleDef[]
  holidays: Record<string, HolidayYearOverride>
  reminders: ReminderPolicy
  digests: DigestPolicy
}

/** Defaults from the product brief: 7, 3 and 1 working days before, 08:00. */
export const DEFAULT_REMINDERS: ReminderPolicy = {
  beforeWorkingDays: [7, 3, 1],
  at: '08:00',
  overdueEveryWorkingDays: 2,
  escalateAfterWorkingDays: 3,
  quietFrom: '21:00',
  quietTo: '07:00',
  combine: true,
  combineWithinDays: 10,
}

/** Defaults: progress 3 working days before, summary on the first working day after. */
export const DEFAULT_DIGESTS: DigestPolicy = {
  progressBeforeWorkingDays: [3],
  summaryAfterWorkingDays: 1,
  at: '08:00',
}

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh'
export const DEFAULT_OPENS_WORKING_DAYS_BEFORE = 10
