import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { formatDeadline } from '../../domain/calendar/local-time.js'
import { scheduleReporters } from '../../domain/unit-refs.js'
import { periodSubject } from '../../reports/period-subject.js'
import { unitProgress } from '../../storage/reminder-queries.js'
import { CliError } from '../cli-error.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/** `dondoc status [--period KEY] [--plan CODE]`: who has reported for a period, unit by unit. */
export async function statusCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { period: { type: 'string' }, plan: { type: 'string' } } })
  const handle = await openForCommand(config)
  try {
    const row = await choosePlan(handle, values.plan)
    await syncPlanPeriods(handle.db, row.id, row.model, io.now())
    const subject = await periodSubject(handle.db, row.id, row.model, values.period, io.now())
    if (!subject) throw new CliError(values.period ? op.noSuchPeriod(values.period, row.code) : op.noPeriodsYet(row.code))
    const expected = new Set(subject.periods.flatMap((p) => scheduleReporters(row.model, p.scheduleCode).map((u) => u.code)))
    const progress = (await unitProgress(handle.db, row.id, subject.periods.map((p) => p.id))).filter((u) => expected.has(u.unitCode))
    const tz = row.timezone
    io.out(`${subject.label} (${subject.periods.map((p) => `${p.scheduleCode} ${p.key}`).join(', ')}), hạn ${formatDeadline(subject.dueAt, tz)}`)
    const width = Math.max(...progress.map((u) => u.unitCode.length))
    let done = 0
    let onTime = 0
    for (const u of progress) {
      const states = Object.values(u.periods)
      const sub = states.every((s) => s.status === 'submitted' || s.status === 'covered')
      const at = states.map((s) => s.submittedAt).filter((d): d is Date => d !== null)[0]
      const answered = Math.max(...states.map((s) => s.answered))
      if (sub) {
        done++
        if (at && at < subject.dueAt) onTime++
      }
      const text = sub ? `đã gửi ${at ? formatTimeAndDate(at, tz) : ''}${at && at >= subject.dueAt ? ' (muộn)' : ''}` : answered ? `đang nhập (${answered} mục)` : 'chưa bắt đầu'
      io.out(`${u.unitCode.padEnd(width)}  ${text}  ${u.unitName}${u.awayUntil ? `  [vắng đến ${u.awayUntil}]` : ''}`)
    }
    io.out(`${done}/${progress.length} đã gửi (${progress.length ? Math.round((done / progress.length) * 100) : 0}%), ${onTime} đúng hạn`)
    return 0
  } finally {
    await handle.close()
  }
}
