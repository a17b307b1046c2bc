import type { z } from 'zod'
import { readFields, readItems, readValue, type Fields, type RawProblem } from './fields.js'
import { digestsShape, groupShape, headerShape, holidaysSchema, indicatorShape, remindersShape, scheduleShape, SECTIONS, taskShape, unitShape } from './schema.js'

/** A plan file read field by field: what could be read, for the checks and the plan. */
export interface FileFields {
  plan: Fields<typeof headerShape> | undefined
  groups: Fields<typeof groupShape>[]
  units: Fields<typeof unitShape>[]
  indicators: Fields<typeof indicatorShape>[]
  tasks: Fields<typeof taskShape>[]
  schedules: Fields<typeof scheduleShape>[]
  holidays: z.output<typeof holidaysSchema>
  reminders: Fields<typeof remindersShape>
  digests: Fields<typeof digestsShape>
}

/**
 * Read every section and every item of the file, each field on its own, so
 * that all the schema problems come out at once and the semantic checks still
 * see every field that was readable.
 */
export function readFileFields(data: unknown, problems: RawProblem[]): FileFields {
  const top = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined
  if (!top) problems.push({ path: [], message: 'tệp kế hoạch phải gồm các phần plan, units, indicators, tasks, schedules…' })
  const raw = top ?? {}
  for (const key of Object.keys(raw)) {
    if (!(SECTIONS as readonly string[]).includes(key)) problems.push({ path: [key], message: `phần lạ "${key}" (kiểm tra chính tả; các phần được dùng: ${SECTIONS.join(', ')})` })
  }
  if (top && raw.plan === undefined) problems.push({ path: ['plan'], message: 'thiếu phần plan (mã, tên và cơ quan ban hành kế hoạch)' })
  const plan = top && raw.plan !== undefined ? readFields(headerShape, raw.plan, ['plan'], problems) : undefined
  const units = readItems(unitShape, raw.units, ['units'], problems)
  if (top && units.length === 0) problems.push({ path: ['units'], message: 'kế hoạch cần ít nhất một đơn vị' })
  const schedules = readItems(scheduleShape, raw.schedules, ['schedules'], problems)
  if (top && schedules.length === 0) problems.push({ path: ['schedules'], message: 'kế hoạch cần ít nhất một lịch báo cáo' })
  const holidays = readValue(holidaysSchema, raw.holidays, ['holidays'], problems)
  return {
    plan,
    groups: readItems(groupShape, raw.groups, ['groups'], problems),
    units,
    indicators: readItems(indicatorShape, raw.indicators, ['indicators'], problems),
    tasks: readItems(taskShape, raw.tasks, ['tasks'], problems),
    schedules,
    holidays: holidays.ok ? holidays.value : {},
    reminders: readFields(remindersShape, raw.reminders, ['reminders'], problems) ?? {},
    digests: readFields(digestsShape, raw.digests, ['digests'], problems) ?? {},
  }
}
