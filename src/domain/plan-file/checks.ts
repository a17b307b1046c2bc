import { checkScheduleDue, readDuePhrase } from '../calendar/due-phrases.js'
import { isNumericIndicator, type IndicatorType, type PeriodKind } from '../plan-model.js'
import { readTarget } from '../targets.js'
import { inferIndicatorType, type Target } from '../targets.js'
import { unitRefKind, unknownUnitRef } from '../unit-refs.js'
import type { RawProblem } from './fields.js'
import type { FileFields } from './file-fields.js'

/**
 * The rules a schema cannot say: codes unique and known, one standing office,
 * readable targets and deadlines that fit their schedule. Runs on whatever
 * fields could be read, so these come out together with the schema problems.
 */
export function checkPlanFields(file: FileFields, problems: RawProblem[]): void {
  const add = (path: PropertyKey[], message: string) => problems.push({ path, message })

  const timezone = file.plan?.timezone
  if (timezone !== undefined && !isKnownTimezone(timezone)) add(['plan', 'timezone'], `không biết múi giờ "${timezone}" (dùng tên IANA, như Asia/Ho_Chi_Minh)`)

  const groups = uniqueCodes(file.groups, 'groups', 'mã nhóm', add)
  const units = uniqueCodes(file.units, 'units', 'mã đơn vị', add)
  file.units.forEach((u, i) => {
    if (u.code !== undefined && groups.has(u.code)) add(['units', i, 'code'], `"${u.code}" vừa là mã đơn vị vừa là mã nhóm`)
    u.groups?.forEach((g, j) => {
      if (!groups.has(g)) add(['units', i, 'groups', j], `không có nhóm mã "${g}" trong phần groups`)
    })
    if (u.monitor !== undefined && !units.has(u.monitor)) add(['units', i, 'monitor'], `không có đơn vị mã "${u.monitor}" (đơn vị trả lời thay phải là một đơn vị)`)
  })
  const standing = file.units.filter((u) => u.standing === true)
  if (standing.length === 0 && file.units.length > 0) add(['units'], 'kế hoạch cần đúng một cơ quan thường trực (ghi standing: true ở đơn vị tổng hợp báo cáo); chưa có đơn vị nào')
  if (standing.length > 1) add(['units'], `chỉ một đơn vị được là cơ quan thường trực (standing: true); đang có ${standing.map((u) => u.code ?? '?').join(', ')}`)

  const known = { units, groups }
  const checkRefs = (refs: readonly string[] | undefined, path: PropertyKey[]) =>
    refs?.forEach((ref, j) => {
      if (!unitRefKind(known, ref)) add([...path, j], unknownUnitRef(ref))
    })

  const schedules = uniqueCodes(file.schedules, 'schedules', 'mã lịch báo cáo', add)
  file.schedules.forEach((s, i) => {
    if (s.period === 'adhoc' && s.due !== undefined) add(['schedules', i, 'due'], 'lịch báo cáo đột xuất (period: adhoc) không có thời hạn cố định; bỏ "due" và ghi hạn khi mở yêu cầu (dondoc request open … --due "trước ngày 15/12/2026")')
    else if (s.period !== undefined && s.period !== 'adhoc' && s.due === undefined) add(['schedules', i, 'due'], 'thiếu trường bắt buộc')
    else if (s.due !== undefined) {
      const due = readDuePhrase(s.due)
      const misfit = due.ok && s.period !== undefined ? checkScheduleDue(s.period as PeriodKind, due.value) : null
      if (!due.ok) add(['schedules', i, 'due'], due.error)
      else if (misfit) add(['schedules', i, 'due'], misfit)
    }
    checkRefs(s.reporters, ['schedules', i, 'reporters'])
  })

  uniqueCodes(file.indicators, 'indicators', 'mã chỉ tiêu', add)
  file.indicators.forEach((ind, i) => {
    checkRefs(ind.responsible, ['indicators', i, 'responsible'])
    checkRefs(ind.monitor, ['indicators', i, 'monitor'])
    ind.schedules?.forEach((s, j) => {
      if (!schedules.has(s)) add(['indicators', i, 'schedules', j], `không có lịch báo cáo mã "${s}"`)
    })
    const readings: Target[] = []
    for (const [year, raw] of Object.entries(ind.targets ?? {})) {
      const r = readTarget(raw)
      if (r.ok) readings.push(r.target)
      else add(['indicators', i, 'targets', year], r.error)
    }
    const type = ind.type ?? inferIndicatorType(readings)
    if (type === 'choice' && (!ind.choices || ind.choices.length < 2)) add(['indicators', i, 'choices'], 'chỉ tiêu dạng lựa chọn (choice) cần ít nhất hai lựa chọn')
    const numeric = isNumericIndicator(type as IndicatorType)
    if (ind.aggregate && ['sum', 'mean', 'weighted', 'min', 'max'].includes(ind.aggregate) && !numeric) add(['indicators', i, 'aggregate'], `cách tổng hợp "${ind.aggregate}" chỉ dùng cho chỉ tiêu dạng số`)
    if (ind.aggregate === 'count_yes' && type !== 'yes_no') add(['indicators', i, 'aggregate'], 'cách tổng hợp "count_yes" chỉ dùng cho chỉ tiêu Có/Không')
    if (ind.aggregate === 'weighted' && !ind.weight) add(['indicators', i, 'weight'], 'cách tổng hợp "weighted" cần "weight": mã chỉ tiêu dùng làm trọng số (ví dụ dân số)')
    if (ind.weight) {
      const w = file.indicators.find((o) => o.code === ind.weight)
      if (!w) add(['indicators', i, 'weight'], `không có chỉ tiêu mã "${ind.weight}" để làm trọng số`)
      else if (w.type !== undefined && !isNumericIndicator(w.type as IndicatorType)) add(['indicators', i, 'weight'], `chỉ tiêu trọng số "${ind.weight}" phải là dạng số`)
    }
  })

  uniqueCodes(file.tasks, 'tasks', 'mã nhiệm vụ', add)
  file.tasks.forEach((t, i) => {
    checkRefs(t.lead, ['tasks', i, 'lead'])
    checkRefs(t.support, ['tasks', i, 'support'])
    if (t.due !== undefined) {
      const due = readDuePhrase(t.due)
      if (!due.ok) add(['tasks', i, 'due'], due.error)
    }
  })

  for (const [year, o] of Object.entries(file.holidays)) {
    for (const d of [...Object.keys(o.off), ...Object.keys(o.work), ...o.remove]) {
      if (!d.startsWith(year + '-')) add(['holidays', year], `ngày ${d} không thuộc năm ${year}`)
    }
  }
}

function uniqueCodes(items: readonly { code?: string | undefined }[], section: string, what: string, add: (path: PropertyKey[], message: string) => void): Set<string> {
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (item.code === undefined) return
    if (seen.has(item.code)) add([section, i, 'code'], `${what} "${item.code}" bị trùng`)
    seen.add(item.code)
  })
  return seen
}

function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
