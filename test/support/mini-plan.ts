import { readFileSync } from 'node:fs'
import { readPlanFile } from '../../src/domain/plan-file.js'
import type { Plan } from '../../src/domain/plan-model.js'

/** The small test plan (test/fixtures/mini-plan.yaml), optionally edited. */
export function miniPlan(edit: (source: string) => string = (s) => s): Plan {
  const source = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')
  const r = readPlanFile(edit(source))
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.plan
}

/** Read a plan file from plans/. */
export function samplePlan(name: 'ea-wy' | 'yen-hoa' | 'tan-lap'): Plan {
  const source = readFileSync(new URL(`../../plans/${name}.yaml`, import.meta.url), 'utf8')
  const r = readPlanFile(source)
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 10)))
  return r.plan
}
