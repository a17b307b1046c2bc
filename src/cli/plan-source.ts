import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeProblem, readPlanFile, type PlanProblem } from '../domain/plan-file.js'
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

/**
 * Every problem of a plan file, one line each, in Vietnamese with its line and
 * item: `plan check`, `plan import`, `start` and `calendar` all print them so.
 */
export function describeProblems(file: string, problems: readonly PlanProblem[]): string {
  return [op.planProblems(file, problems.length), ...problems.map((p) => `  ${describeProblem(p)}`)].join('\n')
}

/** A plan file that failed its checks; its message lists every problem, located, for the operator. */
export class PlanFileError extends CliError {
  constructor(readonly file: string, readonly problems: PlanProblem[]) {
    super(describeProblems(file, problems))
    this.name = 'PlanFileError'
  }
}

/**
 * Read and validate a plan file from disk; throws PlanFileError listing every
 * problem. Warnings come back for the caller to show; they never block.
 */
export function loadPlanFile(file: string): { plan: Plan; sourceHash: string; warnings: PlanProblem[] } {
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch (err) {
    throw new CliError(op.cannotReadPlan(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? op.noSuchFile : (err as Error).message))
  }
  const reading = readPlanFile(source)
  if (!reading.ok) throw new PlanFileError(file, reading.problems)
  return { plan: reading.plan, sourceHash: createHash('sha256').update(source).digest('hex'), warnings: reading.warnings }
}
