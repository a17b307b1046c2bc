import { readTaskDue } from '../domain/calendar/due-phrases.js'
import type { PeriodKind } from '../domain/plan-model.js'
import { readTarget } from '../domain/targets.js'
import { foldVietnamese } from '../domain/text-fold.js'
import { readBodyTasks } from './body-tasks.js'
import { readBodyUnits } from './body-units.js'
import { findCalendarSentences, findOneOffDates, type CalendarSentence } from './calendar-text.js'
import { readTableLayout } from './header-roles.js'
import type { DraftSource } from './table.js'
import { readIndicatorRows, readTaskRows, type RawIndicator, type RawTask, type TableNotes } from './table-rows.js'
import {
  UnitDirectory,
  groupCodeFor,
  isTypoSpelling,
  looksExternal,
  looksLikeGroup,
  splitUnitNames,
  unitCodeFor,
  unitKey,
  type NamedUnit,
} from './unit-names.js'

/** Something the operator must look at, with where it is in the draft. */
export interface DraftCheck {
  /** `chỉ tiêu CT05`, `đơn vị KT`, `lịch báo cáo` … */
  where: string
  message: string
}

export interface DraftUnit { code: string; name: string; groups: string[]; external: boolean; standing: boolean; monitor?: string; checks: string[] }
export interface DraftGroup { code: string; name: string; checks: string[] }
export interface DraftIndicator { code: string; section: string; name: string; unit?: string; targets: Record<string, string>; responsible: string[]; monitor: string[]; place: string; checks: string[] }
export interface DraftTask { code: string; section?: string; title: string; lead: string[]; support: string[]; output?: string; due: string; place: string; checks: string[] }
/** A drafted schedule; `due` is empty for an ad-hoc one (written without `due`). */
export interface DraftSchedule { code: string; name: string; period: PeriodKind; due: string; reporters?: string[]; compile: boolean; checks: string[] }

/** A plan as far as the document says it, every guess carrying its check note. */
export interface DraftPlan {
  source: string
  header: { code: string; title: string; issuer: string; checks: string[] }
  groups: DraftGroup[]
  units: DraftUnit[]
  indicators: DraftIndicator[]
  tasks: DraftTask[]
  schedules: DraftSchedule[]
  /** Findings that belong to no single item (skipped rows, ignored columns). */
  notes: string[]
}

/**
 * Turn a document's tables and paragraphs into a draft plan: pure, so tests
 * feed it grids directly. Without a task table the tasks are read from the
 * body's "NHIỆM VỤ VÀ GIẢI PHÁP" part, and units from its "TỔ CHỨC THỰC HIỆN"
 * part. Throws only when the document has neither tables nor prose tasks.
 */
export function draftPlan(source: DraftSource): DraftPlan {
  const notes: TableNotes = { checks: [] }
  const fallbackYear = guessYear(source.paragraphs)
  const rawIndicators: RawIndicator[] = []
  const rawTasks: RawTask[] = []
  for (const table of source.tables) {
    const layout = readTableLayout(table)
    if (!layout) continue
    if (layout.kind === 'indicators') rawIndicators.push(...readIndicatorRows(table, layout, notes, fallbackYear))
    else rawTasks.push(...readTaskRows(table, layout, notes))
  }
  const bodyTasks = rawTasks.length === 0 ? readBodyTasks(source.paragraphs) : undefined
  if (bodyTasks) rawTasks.push(...bodyTasks.tasks)
  if (rawIndicators.length === 0 && rawTasks.length === 0) {
    throw new Error(
      `${source.file}: không tìm thấy bảng chỉ tiêu hay bảng nhiệm vụ (${source.tables.length} bảng; cần dòng tiêu đề có "Chỉ tiêu"/"Nội dung"/"Nhiệm vụ" và "Mục tiêu … 2025"/"Đơn vị chủ trì"/"Thời gian hoàn thành"), cũng không thấy nhiệm vụ ghi thành mục a), b) … dưới phần "NHIỆM VỤ VÀ GIẢI PHÁP"`,
    )
  }
  const bodyUnits = readBodyUnits(source.paragraphs)

  const calendar = findCalendarSentences(source.paragraphs)
  const directory = new UnitDirectory()
  const mention = (text: string) => splitUnitNames(text).map((name) => ({ name, unit: directory.add(name) }))
  const indicatorRefs = rawIndicators.map((r) => ({ responsible: mention(r.responsible), monitor: mention(r.monitor) }))
  const taskRefs = rawTasks.map((t) => ({ lead: mention(t.lead), support: mention(t.support) }))
  const namedInBody = new Set((bodyUnits?.names ?? []).map((name) => directory.add(name)))
  const sendTo = calendar.map((c) => c.sendTo).find((s): s is string => s !== undefined)

  // Units and groups, with codes unique across both.
  const used = new Set<string>()
  const unique = (base: string) => {
    let code = base
    for (let n = 2; used.has(code); n++) code = `${base}-${n}`
    used.add(code)
    return code
  }
  const codeOf = new Map<NamedUnit, { code: string; group: boolean }>()
  const groups: DraftGroup[] = []
  const units: DraftUnit[] = []
  for (const u of directory.all()) {
    const typos = [...u.spellings.keys()].filter((s) => isTypoSpelling(s, u))
    const typoChecks = typos.map((s) => `"${s}" được hiểu là "${u.name}" (gần giống tên đơn vị)`)
    if (looksLikeGroup(u.name)) {
      const code = unique(groupCodeFor(u.name))
      codeOf.set(u, { code, group: true })
      groups.push({ code, name: u.name, checks: [`nhóm đơn vị: thêm các đơn vị thành viên vào units với groups: [${code}]`, ...typoChecks] })
    } else {
      const code = unique(unitCodeFor(u.name))
      codeOf.set(u, { code, group: false })
      const external = looksExternal(u.name)
      units.push({ code, name: u.name, groups: [], external, standing: false, checks: [...(external ? ['đơn vị ngoài (không dùng bot); đơn vị theo dõi trả lời thay'] : []), ...typoChecks] })
    }
  }

  const standing = pickStanding(units, directory, sendTo ?? bodyUnits?.standing)
  const standingCode = standing?.code

  const refsToCodes = (refs: { name: string; unit: NamedUnit }[], checks: string[], unitsOnly = false): string[] => {
    const out: string[] = []
    for (const r of refs) {
      const c = codeOf.get(r.unit)
      if (!c) continue
      if (unitsOnly && c.group) {
        checks.push(`"${r.name}" là một nhóm, không thể là đơn vị theo dõi; đã bỏ`)
        continue
      }
      const typo = `"${r.name}" được hiểu là "${r.unit.name}"`
      if (isTypoSpelling(r.name, r.unit) && !checks.includes(typo)) checks.push(typo)
      if (!out.includes(c.code)) out.push(c.code)
    }
    return out
  }

  const indicators: DraftIndicator[] = rawIndicators.map((raw, i) => {
    const checks = [...raw.checks]
    const refs = indicatorRefs[i] ?? { responsible: [], monitor: [] }
    let responsible = refsToCodes(refs.responsible, checks)
    let monitor = refsToCodes(refs.monitor, checks, true)
    if (responsible.length === 0 && standingCode) {
      responsible = [standingCode]
      checks.push(`ô đơn vị thực hiện trống; đã ghi ${standingCode}`)
    }
    if (monitor.length === 0) {
      const plain = responsible.filter((c) => units.some((u) => u.code === c && !u.external))
      monitor = plain.length > 0 ? plain : standingCode ? [standingCode] : []
      checks.push(`ô đơn vị theo dõi trống; đã ghi ${monitor.join(', ') || '(chưa có)'}`)
    }
    if (Object.keys(raw.targets).length === 0) checks.push('không có mục tiêu nào')
    for (const [year, text] of Object.entries(raw.targets)) {
      const r = readTarget(text)
      if (!r.ok) checks.push(`mục tiêu năm ${year} "${text}" không đọc được: ${r.error}`)
    }
    return {
      code: `CT${String(i + 1).padStart(2, '0')}`,
      section: raw.section,
      name: raw.name,
      ...(raw.measure ? { unit: raw.measure } : {}),
      targets: raw.targets,
      responsible,
      monitor,
      place: raw.place,
      checks,
    }
  })

  // External units answer through the monitor of their first indicator.
  for (const u of units.filter((x) => x.external)) {
    const ind = indicators.find((d) => d.responsible.includes(u.code))
    const monitor = ind?.monitor[0] ?? standingCode
    if (monitor) u.monitor = monitor
  }

  // Prose tasks carry no unit or deadline as a rule: one note for them all, not two per task.
  const prose = new Set(bodyTasks?.tasks ?? [])
  const proseDefaults = { lead: 0, due: 0 }
  const tasks: DraftTask[] = rawTasks.map((raw, i) => {
    const checks = [...raw.checks]
    const refs = taskRefs[i] ?? { lead: [], support: [] }
    let lead = refsToCodes(refs.lead, checks)
    if (lead.length === 0 && standingCode) {
      lead = [standingCode]
      if (prose.has(raw)) proseDefaults.lead++
      else checks.push(`ô đơn vị chủ trì trống; đã ghi ${standingCode}`)
    }
    let due = raw.due
    if (!due) {
      due = 'Thường xuyên'
      if (prose.has(raw)) proseDefaults.due++
      else checks.push('ô thời gian hoàn thành trống; đã ghi "Thường xuyên"')
    } else if (!readTaskDue(due).ok) checks.push(`thời hạn "${due}" không đọc được; viết lại như "9/2025", "Thường xuyên", "Hàng năm", "trước ngày 31/7/2025"`)
    return {
      code: `NV${String(i + 1).padStart(2, '0')}`,
      ...(raw.section ? { section: raw.section } : {}),
      title: raw.title,
      lead,
      support: refsToCodes(refs.support, checks).filter((c) => !lead.includes(c)),
      ...(raw.output ? { output: raw.output } : {}),
      due,
      place: raw.place,
      checks,
    }
  })

  const firstProse = tasks[rawTasks.findIndex((t) => prose.has(t))]
  if (bodyTasks && firstProse) {
    const last = tasks[rawTasks.length - 1]?.code ?? firstProse.code
    const defaults = [
      ...(proseDefaults.lead ? [`${proseDefaults.lead} nhiệm vụ không ghi đơn vị chủ trì, đã ghi ${standingCode}`] : []),
      ...(proseDefaults.due ? [`${proseDefaults.due} nhiệm vụ không ghi thời hạn, đã ghi "Thường xuyên"`] : []),
    ]
    firstProse.checks.unshift(
      `${firstProse.code}–${last} đọc từ các mục a), b) … dưới "${bodyTasks.heading}" (văn bản không có bảng nhiệm vụ), mỗi mục một nhiệm vụ, giữ nguyên câu chữ` +
        (defaults.length ? `; ${defaults.join('; ')}: sửa lead cho nhiệm vụ của đơn vị khác` : ''),
    )
  }
  for (const u of units) {
    const named = [...codeOf].find(([, c]) => c.code === u.code)?.[0]
    if (!named || !namedInBody.has(named)) continue
    const leads = tasks.some((t) => t.lead.includes(u.code)) || indicators.some((d) => d.responsible.includes(u.code))
    if (!leads && u !== standing) u.checks.push(`đơn vị đọc từ "${bodyUnits?.heading ?? ''}"; chưa được giao nhiệm vụ hay chỉ tiêu nào: ghi mã ${u.code} vào lead của nhiệm vụ của đơn vị này, hoặc xóa đơn vị`)
  }

  if (standing) {
    standing.standing = true
    standing.checks.unshift(
      sendTo
        ? `cơ quan thường trực: đoán theo "${sendTo}" trong văn bản`
        : bodyUnits?.standing
          ? `cơ quan thường trực: văn bản ghi "${bodyUnits.standing} là cơ quan thường trực"`
          : 'cơ quan thường trực: đoán, văn bản không nói rõ nơi nhận báo cáo',
    )
  }

  return {
    source: source.file,
    header: draftHeader(source),
    groups,
    units,
    indicators,
    tasks,
    schedules: draftSchedules(calendar, tasks, standingCode),
    notes: notes.checks,
  }
}

/** The unit reports go to (as the calendar sentence names it), else Phòng Văn hóa – Xã hội, else the most common monitor. */
function pickStanding(units: DraftUnit[], directory: UnitDirectory, sendTo: string | undefined): DraftUnit | undefined {
  const byName = (name: string) => {
    const named = directory.find(name)
    return named ? units.find((u) => u.name === named.name) : undefined
  }
  if (sendTo) {
    const found = byName(sendTo) ?? units.find((u) => unitKey(sendTo).startsWith(unitKey(u.name)))
    if (found) return found
    if (!units.some((u) => unitKey(u.name) === unitKey(sendTo))) {
      const code = unitCodeFor(sendTo)
      const unit: DraftUnit = { code: units.some((u) => u.code === code) ? `${code}-TT` : code, name: sendTo, groups: [], external: false, standing: false, checks: ['đơn vị nhận báo cáo, chỉ thấy trong phần chế độ báo cáo'] }
      units.unshift(unit)
      return unit
    }
  }
  return units.find((u) => unitKey(u.name).includes('phongvhxh')) ?? units.find((u) => !u.external)
}

const PERIOD_NAMES: Record<PeriodKind, { code: string; name: string }> = {
  month: { code: 'thang', name: 'Báo cáo tháng' },
  quarter: { code: 'quy', name: 'Báo cáo quý' },
  half: { code: '6thang', name: 'Báo cáo 6 tháng' },
  nine_months: { code: '9thang', name: 'Báo cáo 9 tháng' },
  year: { code: 'nam', name: 'Báo cáo năm' },
  once: { code: 'han', name: 'Hạn nộp' },
  adhoc: { code: 'dotxuat', name: 'Báo cáo đột xuất' },
}

/**
 * Schedules from the calendar sentences: the sentence naming where the units
 * send reports ("thông qua …") is the units' calendar; other calendars are
 * the standing office's own consolidated reports. Task dates become one-off
 * schedules. Nothing found → one marked placeholder so the file still loads.
 */
function draftSchedules(calendar: CalendarSentence[], tasks: DraftTask[], standing: string | undefined): DraftSchedule[] {
  const out: DraftSchedule[] = []
  const unitsSentence = calendar.find((c) => c.sendTo) ?? calendar[calendar.length - 1]
  const readFrom = (c: CalendarSentence, codes: string[]) => `lịch ${codes.join(', ')} đọc từ: "${shorten(c.sentence)}"`
  for (const c of unitsSentence ? [unitsSentence] : []) {
    c.schedules.forEach((s, i) => {
      const checks = i === 0 ? [readFrom(c, c.schedules.map((x) => PERIOD_NAMES[x.period].code))] : []
      out.push({ ...PERIOD_NAMES[s.period], period: s.period, due: s.due, compile: false, checks })
    })
    // "hoặc báo cáo đột xuất theo yêu cầu": an ad-hoc schedule, without a deadline; each request is opened with its own.
    if (c.adHoc) {
      const checks = [`văn bản còn nói "báo cáo đột xuất": lịch đột xuất (period: adhoc) không có hạn cố định; mỗi khi được yêu cầu, mở bằng dondoc request open ${PERIOD_NAMES.adhoc.code} --due "trước ngày …"`]
      out.push({ ...PERIOD_NAMES.adhoc, period: 'adhoc', due: '', compile: false, checks })
    }
  }
  for (const c of calendar) {
    if (c === unitsSentence) continue
    const fresh = c.schedules.filter((s) => !out.some((o) => o.period === s.period && o.due === s.due))
    fresh.forEach((s, i) => {
      const base = PERIOD_NAMES[s.period]
      out.push({
        code: `th-${base.code}`,
        name: `Tổng hợp ${base.name.charAt(0).toLowerCase()}${base.name.slice(1)}`,
        period: s.period,
        due: s.due,
        ...(standing ? { reporters: [standing] } : {}),
        compile: true,
        checks: i === 0 ? [`coi là báo cáo tổng hợp của cơ quan thường trực gửi lên; ${readFrom(c, fresh.map((x) => 'th-' + PERIOD_NAMES[x.period].code))}`] : [],
      })
    })
  }
  const dates = new Map<string, DraftTask>()
  for (const t of tasks) {
    const due = readTaskDue(t.due)
    if (due.ok && due.value.kind === 'date' && !dates.has(due.value.date)) dates.set(due.value.date, t)
  }
  let n = 1
  for (const [date, task] of dates) {
    const phrase = findOneOffDates(task.due)[0] ?? task.due
    out.push({ code: `han-${n++}`, name: `Hạn: ${shorten(task.output ?? task.title, 80)}`, period: 'once', due: phrase, compile: false, checks: [`hạn một lần ${date} của nhiệm vụ ${task.code}`] })
  }
  if (!out.some((s) => s.period !== 'once')) {
    out.push({ code: 'quy', name: 'Báo cáo quý', period: 'quarter', due: 'trước ngày 05 của tháng cuối quý', compile: false, checks: ['không tìm thấy chế độ báo cáo trong văn bản; đây là lịch mẫu, hãy sửa theo kế hoạch'] })
  }
  return out
}

function shorten(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length > max ? one.slice(0, max - 1) + '…' : one
}

/** The milestone year for target columns that name none: the last year the title or body mentions, else 2025. */
function guessYear(paragraphs: readonly string[]): string {
  for (const p of paragraphs.slice(0, 10)) {
    const m = /năm (20\d\d)/i.exec(p)
    if (m?.[1]) return m[1]
  }
  return '2025'
}

/** "ỦY BAN NHÂN DÂN XÃ EA WY" → "UBND xã Ea Wy": the way plans name their issuer in running text. */
function prettyIssuer(text: string): string {
  const m = /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|TỈNH|THÀNH PHỐ)\s+(.+)$/i.exec(text.trim())
  if (!m) return text.trim()
  const place = m[2] ?? ''
  const titled = place === place.toUpperCase() ? place.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_, s: string, c: string) => s + c.toUpperCase()) : place
  return `UBND ${(m[1] ?? '').toLowerCase()} ${titled}`
}

/**
 * The lines of the header block Decree 30/2020 puts above a plan (issuer and
 * number left, national motto right), which offices type as a borderless
 * table: a Word reader sees them as a table, not as body text.
 */
function headerBlockLines(source: DraftSource): string[] {
  const block = source.tables.find((t) => t.rows.slice(0, 3).some((r) => r.some((c) => /cong hoa xa hoi chu nghia/.test(foldVietnamese(c.text)))))
  return (block?.rows ?? []).flatMap((r) => r.flatMap((c) => c.text.split('\n'))).map((l) => l.trim()).filter(Boolean)
}

/** Title, issuer and a code guessed from the first paragraphs (the issuer also from the header block). */
function draftHeader(source: DraftSource): DraftPlan['header'] {
  const checks: string[] = []
  const paras = source.paragraphs.slice(0, 30)
  const titleIndex = paras.findIndex((p) => /^ke hoach\b/.test(foldVietnamese(p)))
  let title = titleIndex >= 0 ? paras[titleIndex] ?? '' : ''
  if (foldVietnamese(title) === 'ke hoach' && paras[titleIndex + 1]) title = `Kế hoạch ${paras[titleIndex + 1]}`
  if (!title) {
    title = `Kế hoạch (từ ${source.file.split(/[\\/]/).pop() ?? source.file})`
    checks.push('không thấy tên kế hoạch trong văn bản; hãy ghi lại title')
  }
  const isIssuer = (p: string) => /^(ubnd|uy ban nhan dan)\s+(xa|phuong|thi tran|huyen|quan|tinh|thanh pho)\b/.test(foldVietnamese(p))
  const issuerPara = paras.find(isIssuer) ?? headerBlockLines(source).find(isIssuer)
  let issuer = issuerPara ? prettyIssuer(issuerPara) : ''
  if (!issuer) {
    issuer = 'UBND (chưa rõ)'
    checks.push('không thấy cơ quan ban hành; hãy ghi lại issuer')
  }
  const place = foldVietnamese(issuer.replace(/^UBND\s+(xã|phường|thị trấn|huyện|quận|tỉnh|thành phố)\s*/i, '')).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const code = place || 'ke-hoach'
  checks.push(`mã kế hoạch "${code}" do máy đặt; nếu kế hoạch này đã được nạp với mã khác thì sửa cho khớp`)
  return { code, title: title.replace(/\s+/g, ' ').trim(), issuer, checks }
}
