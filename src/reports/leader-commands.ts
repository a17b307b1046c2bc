import { formatAnswer } from '../domain/answer-rules.js'
import { formatDeadline, instantToLocal } from '../domain/calendar/local-time.js'
import { planCalendar } from '../domain/calendar/calendar-preview.js'
import { scheduleReporters } from '../domain/unit-refs.js'
import type { Db } from '../storage/database.js'
import { enqueueMessage } from '../storage/outbox.js'
import { loadPlanModel } from '../storage/plan-models.js'
import { openPeriods } from '../storage/report-queries.js'
import { remindableContacts, unitProgress } from '../storage/reminder-queries.js'
import { summaryDigest } from './digest.js'
import { periodSubject } from './period-subject.js'

/** Leader commands answer at most this many lines of names. */
const MAX_LINES = 40

/**
 * What leaders can ask the bot in their group or privately: `/tonghop [kỳ]`
 * the period summary now, `/chuanop` who has not reported, `/chitieu CODE`
 * one indicator across units and periods, `/nhac [đơn vị]` remind now.
 * Returns the texts to answer, or undefined for a command it does not know.
 */
export async function runLeaderCommand(db: Db, planId: number, command: string, arg: string | undefined, now: Date): Promise<string[] | undefined> {
  const plan = await loadPlanModel(db, planId)
  const tz = plan.plan.timezone
  const cal = planCalendar(plan)
  switch (command) {
    case 'tonghop': {
      const subject = await periodSubject(db, planId, plan, arg, now)
      if (!subject) return [`Không có kỳ báo cáo ${arg ?? ''}. Ví dụ: /tonghop 2025-Q4`.replace('  ', ' ')]
      return summaryDigest(db, subject)
    }
    case 'chuanop': {
      const open = (await openPeriods(db, planId, now)).filter((p) => !p.compile)
      if (!open.length) return ['Hiện không có kỳ báo cáo nào đang mở.']
      const lines: string[] = []
      for (const p of open) {
        const expected = new Set(scheduleReporters(plan, p.scheduleCode).map((u) => u.code))
        const missing = (await unitProgress(db, planId, [p.id])).filter((u) => expected.has(u.unitCode) && !['submitted', 'covered'].includes(u.periods[p.id]!.status))
        lines.push(`📋 ${p.label} (hạn ${formatDeadline(p.dueAt, tz)}): ${missing.length}/${expected.size} đơn vị chưa nộp.`)
        // Working days late, counting the deadline day as the first: past the escalation threshold the unit is flagged.
        const late = now >= p.dueAt ? cal.workingDaysBetween(instantToLocal(p.dueAt, tz).date, instantToLocal(now, tz).date) + 1 : 0
        const escalated = late > plan.reminders.escalateAfterWorkingDays
        for (const u of missing.slice(0, MAX_LINES)) {
          const notes = [u.periods[p.id]!.answered ? `đang nhập ${u.periods[p.id]!.answered} mục` : '', escalated ? `⚠️ quá hạn ${late} ngày làm việc` : '']
            .filter(Boolean)
            .join(', ')
          lines.push(`• ${u.unitName}${notes ? ` (${notes})` : ''}`)
        }
        if (missing.length > MAX_LINES) lines.push(`… và ${missing.length - MAX_LINES} đơn vị khác`)
      }
      return [lines.join('\n')]
    }
    case 'chitieu': {
      const code = arg?.trim().toUpperCase()
      const ind = plan.indicators.find((i) => i.code.toUpperCase() === code)
      if (!ind) return [`Không có chỉ tiêu "${arg ?? ''}". Ví dụ: /chitieu CT05`]
      const rows = await db
        .selectFrom('indicator_values as v')
        .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
        .innerJoin('submissions as s', 's.id', 'v.submission_id')
        .innerJoin('periods as p', 'p.id', 's.period_id')
        .innerJoin('units as u', 'u.id', 'v.about_unit_id')
        .select(['p.label', 'p.due_at', 'u.name', 'v.value_num', 'v.value_bool', 'v.value_text', 'v.note'])
        .where('i.plan_id', '=', planId)
        .where('i.code', '=', ind.code)
        .where('v.skipped', '=', false)
        .where('s.status', '<>', 'draft')
        .orderBy('p.due_at', 'desc')
        .orderBy('u.position')
        .limit(60)
        .execute()
      const targets = Object.entries(ind.targets).map(([y, t]) => `${y}: ${t}`).join('; ')
      const lines = [`📈 ${ind.code} ${ind.name}`, `Mục tiêu: ${targets || '(không có)'}`]
      if (!rows.length) lines.push('Chưa có số liệu.')
      let label = ''
      for (const r of rows) {
        if (r.label !== label) lines.push(`${(label = r.label)}:`)
        const value = r.value_num !== null ? { num: r.value_num } : r.value_bool !== null ? { bool: r.value_bool } : { text: r.value_text ?? '' }
        lines.push(`• ${r.name}: ${formatAnswer(value, ind.type, ind.unit)}${r.note ? ` (${r.note})` : ''}`)
      }
      return [lines.join('\n')]
    }
    case 'nhac': {
      const open = (await openPeriods(db, planId, now)).filter((p) => !p.compile && p.opensAt <= now)
      const wanted = arg?.trim().toUpperCase()
      const contacts = await remindableContacts(db, planId, now)
      // One message per contact listing everything the unit still owes.
      const owed = new Map<number, { unitName: string; items: string[] }>()
      for (const p of open) {
        const expected = new Set(scheduleReporters(plan, p.scheduleCode).map((u) => u.code))
        const missing = (await unitProgress(db, planId, [p.id])).filter(
          (u) => expected.has(u.unitCode) && !['submitted', 'covered'].includes(u.periods[p.id]!.status) && (!wanted || u.unitCode.toUpperCase() === wanted),
        )
        for (const u of missing) {
          const entry = owed.get(u.unitId) ?? { unitName: u.unitName, items: [] }
          entry.items.push(`${p.label} (hạn ${formatDeadline(p.dueAt, tz)})`)
          owed.set(u.unitId, entry)
        }
      }
      let queued = 0
      const hour = now.toISOString().slice(0, 13)
      for (const [unitId, entry] of owed) {
        for (const c of contacts.filter((c) => c.unitId === unitId)) {
          // One manual reminder per contact and hour: a leader repeating /nhac changes nothing.
          const added = await enqueueMessage(db, {
            planId,
            dedupeKey: `nudge:${c.id}:${hour}`,
            kind: 'reminder',
            channel: c.channel,
            chatId: c.chatId,
            contactId: c.id,
            payload: { text: `📋 Lãnh đạo nhắc: ${entry.unitName} gửi báo cáo ${entry.items.join('; ')}. Gõ /baocao để báo cáo.` },
            runAfter: now,
            now,
          })
          if (added) queued++
        }
      }
      return [queued ? `Đã xếp ${queued} tin nhắc tới các đơn vị chưa nộp.` : 'Không có tin nhắc mới (đơn vị đã nộp, chưa có người liên hệ, hoặc vừa được nhắc trong giờ này).']
    }
    default:
      return undefined
  }
}
