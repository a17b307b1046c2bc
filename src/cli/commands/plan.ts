import type { Config } from '../../config.js'
import { planCounts } from '../../domain/plan-file.js'
import { importPlan, type ImportSummary } from '../../storage/plan-import.js'
import { CliError } from '../cli-error.js'
import { syncPlanPeriods } from '../../scheduler/period-sync.js'
import { openForCommand } from '../open-database.js'
import { loadPlanFile } from '../plan-source.js'
import type { CommandIo } from '../command-io.js'

/** `dondoc plan check FILE` and `dondoc plan import FILE`. */
export async function planCommand(args: string[], config: Config, io: CommandIo): Promise<number> {
  const [sub, file] = args
  if (!file || (sub !== 'check' && sub !== 'import')) throw new CliError('usage: dondoc plan check FILE | dondoc plan import FILE', 2)
  const { plan, sourceHash } = loadPlanFile(file)
  if (sub === 'check') {
    io.out(planCounts(plan))
    return 0
  }
  io.progress(`${file}: ${planCounts(plan)}; importing…`)
  const handle = await openForCommand(config)
  try {
    const summary = await importPlan(handle.db, plan, { now: io.now(), sourceHash })
    await syncPlanPeriods(handle.db, summary.planId, plan, io.now())
    io.out(describeImport(summary))
    return 0
  } finally {
    await handle.close()
  }
}

/** One line per kind of item: what an import added, updated and archived. */
export function describeImport(summary: ImportSummary): string {
  const lines = [`plan ${summary.planCode} ${summary.created ? 'created' : 'updated'}`]
  for (const [kind, c] of Object.entries(summary.counts)) {
    lines.push(`  ${kind}: ${c.added} added, ${c.updated} updated, ${c.archived} archived`)
  }
  return lines.join('\n')
}
