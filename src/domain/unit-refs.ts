import { dueDateOf, readDuePhrase } from './calendar/due-phrases.js'
import type { Plan, ScheduleDef, TaskDef, UnitDef } from './plan-model.js'

/** The word a plan file uses for "every unit of the plan". */
export const ALL_UNITS = 'all'

/** What one unit reference of a plan names. */
export type UnitRefKind = 'all' | 'unit' | 'group'

/**
 * The one resolver of unit references: every field that names units
 * (`responsible`, `monitor`, `support`, `lead`, schedule `reporters`) accepts
 * a unit code, a group code or `all`, the same way. Undefined when the plan
 * knows no such code.
 */
export function unitRefKind(known: { units: ReadonlySet<string>; groups: ReadonlySet<string> }, ref: string): UnitRefKind | undefined {
  if (ref === ALL_UNITS) return 'all'
  if (known.units.has(ref)) return 'unit'
  if (known.groups.has(ref)) return 'group'
  return undefined
}

/** The one message for a reference no field can resolve, the same in every field. */
export function unknownUnitRef(ref: string): string {
  return `không có đơn vị hay nhóm mã "${ref}" (dùng mã đơn vị, mã nhóm hoặc "${ALL_UNITS}")`
}

/**
 * Expand unit references as plans write them (unit codes, group codes, `all`)
 * into the concrete units, in plan order, without duplicates. Unknown codes are
 * ignored here; plan validation reports them with their path.
 */
export function resolveUnitRefs(plan: Pick<Plan, 'units'>, refs: readonly string[]): readonly UnitDef[] {
  let byRefs = resolvedOf.get(plan.units)
  if (!byRefs) resolvedOf.set(plan.units, (byRefs = new Map()))
  const key = refs.join('\u0000')
  let units = byRefs.get(key)
  if (!units) byRefs.set(key, (units = expand(plan.units, refs)))
  return units
}

/**
 * Each distinct reference list expanded once per units list: a province's
 * plan has 10,000 units and its 74 indicators share a handful of lists, which
 * the summary, the export and the scheduler each expand again.
 */
const resolvedOf = new WeakMap<readonly UnitDef[], Map<string, readonly UnitDef[]>>()

function expand(units: readonly UnitDef[], refs: readonly string[]): readonly UnitDef[] {
  const wanted = new Set(refs)
  if (wanted.has(ALL_UNITS)) return Object.freeze([...units])
  return Object.freeze(units.filter((u) => wanted.has(u.code) || u.groups.some((g) => wanted.has(g))))
}

/** Units by code, built once per units list (a plan's units never change after it is read; a province has 10,000). */
const byCodeOf = new WeakMap<readonly UnitDef[], ReadonlyMap<string, UnitDef>>()
function unitsByCode(units: readonly UnitDef[]): ReadonlyMap<string, UnitDef> {
  let map = byCodeOf.get(units)
  if (!map) byCodeOf.set(units, (map = new Map(units.map((u) => [u.code, u]))))
  return map
}

/**
 * The units that actually answer for an item: an external unit cannot use the
 * bot, so its own monitor (or the item's monitor) answers instead.
 */
export function answeringUnits(plan: Pick<Plan, 'units'>, owners: readonly UnitDef[], itemMonitors: readonly string[]): UnitDef[] {
  const byCode = unitsByCode(plan.units)
  const out = new Map<string, UnitDef>()
  for (const owner of owners) {
    if (!owner.external) {
      out.set(owner.code, owner)
      continue
    }
    const proxies = owner.monitor ? [byCode.get(owner.monitor)] : resolveUnitRefs(plan, itemMonitors)
    for (const proxy of proxies) {
      if (proxy && !proxy.external) out.set(proxy.code, proxy)
    }
  }
  return [...out.values()]
}

/**
 * The units a schedule asks to report: its explicit `reporters`, or every unit
 * that answers for an indicator or leads a task.
 */
export function scheduleReporters(plan: Plan, scheduleCode: string): readonly UnitDef[] {
  let bySchedule = reportersOf.get(plan)
  if (!bySchedule) reportersOf.set(plan, (bySchedule = new Map()))
  let units = bySchedule.get(scheduleCode)
  if (!units) bySchedule.set(scheduleCode, (units = Object.freeze(findReporters(plan, scheduleCode))))
  return units
}

/**
 * Each schedule's reporters found once per plan model (a plan read from its
 * file or the database is never changed afterwards): at 10,000 units finding
 * them takes ~20 ms, which the scheduler's idle tick, the chat and the
 * reports would otherwise pay again and again.
 */
const reportersOf = new WeakMap<Plan, Map<string, readonly UnitDef[]>>()

function findReporters(plan: Plan, scheduleCode: string): UnitDef[] {
  const schedule = plan.schedules.find((s) => s.code === scheduleCode)
  if (!schedule) return []
  if (schedule.reporters) return resolveUnitRefs(plan, schedule.reporters).filter((u) => !u.external)
  const codes = new Set<string>()
  // Items share a few reference lists (`all`, a group): each distinct one is resolved once.
  const seen = new Set<string>()
  const add = (refs: readonly string[], monitors: readonly string[]) => {
    const key = JSON.stringify([refs, monitors])
    if (seen.has(key)) return
    seen.add(key)
    for (const u of answeringUnits(plan, resolveUnitRefs(plan, refs), monitors)) codes.add(u.code)
  }
  for (const ind of plan.indicators) {
    if (ind.schedules && !ind.schedules.includes(scheduleCode)) continue
    if (!ind.schedules && (schedule.compile || schedule.period === 'once')) continue
    add(ind.responsible, ind.monitor)
  }
  if (!schedule.compile) {
    for (const task of plan.tasks.filter((t) => taskOnSchedule(plan, t, schedule))) add(task.lead, [])
  }
  return plan.units.filter((u) => codes.has(u.code))
}

/**
 * The units asked for one period: its schedule's reporters, narrowed to the
 * units an ad-hoc request names when it names some. Every view (reminders,
 * the conversation, status, digests) asks here, so a request opened for two
 * units chases and counts those two only.
 */
export function periodReporters(plan: Plan, period: { scheduleCode: string; units?: readonly string[] | null }): readonly UnitDef[] {
  const all = scheduleReporters(plan, period.scheduleCode)
  if (!period.units) return all
  const wanted = new Set(period.units)
  return all.filter((u) => wanted.has(u.code))
}

/** The code sets of each schedule's reporters, made once per plan model like `reportersOf`. */
const reporterCodesOf = new WeakMap<Plan, Map<string, ReadonlySet<string>>>()

/**
 * `periodReporters` as unit-code sets for many periods at once, each
 * schedule's reporters worked out once (the scheduler asks for every unit
 * and period of a plan on each full plan).
 */
export function periodReporterCodes(plan: Plan): (period: { scheduleCode: string; units?: readonly string[] | null }) => ReadonlySet<string> {
  let bySchedule = reporterCodesOf.get(plan)
  if (!bySchedule) reporterCodesOf.set(plan, (bySchedule = new Map()))
  const byUnits = new Map<string, Set<string>>()
  const ofSchedule = (code: string) => {
    let set = bySchedule.get(code)
    if (!set) bySchedule.set(code, (set = new Set(scheduleReporters(plan, code).map((u) => u.code))))
    return set
  }
  return (p) => {
    const all = ofSchedule(p.scheduleCode)
    if (!p.units) return all
    const key = `${p.scheduleCode}|${p.units.join(',')}`
    let set = byUnits.get(key)
    if (!set) byUnits.set(key, (set = new Set(p.units.filter((u) => all.has(u)))))
    return set
  }
}

/**
 * Whether a task is reported on a schedule: a one-off schedule asks only for
 * the tasks due on its date (the detailed plans due 31/7/2025); recurring
 * schedules ask for every task, those of one-off schedules included, until
 * it is reported done, so a task whose one-off report has closed can still
 * be reported done instead of staying overdue forever.
 */
export function taskOnSchedule(_plan: Pick<Plan, 'schedules'>, task: TaskDef, schedule: ScheduleDef): boolean {
  if (schedule.compile) return false
  if (schedule.period === 'once') {
    const oneOff = oneOffDate(task)
    return oneOff !== undefined && oneOff === scheduleDate(schedule)
  }
  return true
}

/** A task's own one-time deadline day ("trước ngày 31/7/2025", "Tháng 6/2025"), read by the shared grammar. */
function oneOffDate(task: TaskDef): string | undefined {
  const due = readDuePhrase(task.due)
  return due.ok ? dueDateOf(due.value) : undefined
}

function scheduleDate(schedule: ScheduleDef): string | undefined {
  if (schedule.due === undefined) return undefined
  const due = readDuePhrase(schedule.due)
  return due.ok ? dueDateOf(due.value) : undefined
}
