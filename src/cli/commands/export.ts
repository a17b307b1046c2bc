import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Config } from '../../config.js'
import { formatDeadline } from '../../domain/calendar/local-time.js'
import { exportPeriod, ExportWriteError } from '../../reports/export/export-files.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import { CliError } from '../cli-error.js'
import type { CommandIo } from '../command-io.js'
import { choosePlan, openForCommand } from '../open-database.js'
import { noRequestMessage } from '../no-request.js'
import { op } from '../operator-messages.js'

/**
 * `dondoc export [--plan CODE] [--period WORDS] [--out DIR]`: the period's
 * compiled report as an Excel workbook and a Word draft, written to DIR
 * (default: the current folder, created when missing); prints both paths.
 */
export async function exportCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { period: { type: 'string' }, plan: { type: 'string' }, out: { type: 'string' } } })
  const outDir = path.resolve(values.out ?? '.')
  const handle = await openForCommand(config)
  try {
    const row = await choosePlan(handle, values.plan)
    const now = io.now()
    await syncPlanPeriods(handle.db, row.id, row.model, now)
    let result
    try {
      result = await exportPeriod(handle.db, row.id, row.model, { words: values.period, now, outDir })
    } catch (err) {
      if (err instanceof ExportWriteError) throw new CliError(op.cannotWriteExport(err.dir, op.writeReason(err.reason)))
      throw err
    }
    if (!result.ok) throw new CliError(noRequestMessage(values.period, row, result.choices, now))
    io.out(op.showingPeriod(result.request.label, result.request.key, formatDeadline(result.request.dueAt, row.timezone), result.history))
    io.out(result.files.xlsx)
    io.out(result.files.docx)
    return 0
  } finally {
    await handle.close()
  }
}
