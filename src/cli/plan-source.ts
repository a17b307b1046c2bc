import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readPlanFile, type PlanProblem } from '../domain/plan-file.js'
import type { Plan } from '../domain/plan-model.js'
import { CliError } from './cli-error.js'
import { op } from './operator-messages.js'

/** The sample plan a fresh install starts with (found from src/ under tsx and from dist/src/ when built). */
export const SAMPLE_PLAN_FILE = path.join(packageRoot(), 'plans', 'ea-wy.yaml')

function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
  return dir
}

/** A plan file that failed its checks; carries every problem for printing. */
export class PlanFileError extends CliError {
  constructor(readonly file: string, readonly problems: PlanProblem[]) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`)
    this.name = 'PlanFileError'
  }
}

/** Read and validate a plan file from disk; throws PlanFileError listing every problem. */
export function loadPlanFile(file: string): { plan: Plan; sourceHash: string } {
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch (err) {
    throw new CliError(op.cannotReadPlan(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? op.noSuchFile : (err as Error).message))
  }
  const reading = readPlanFile(source)
  if (!reading.ok) throw new PlanFileError(file, reading.problems)
  return { plan: reading.plan, sourceHash: createHash('sha256').update(source).digest('hex') }
}
