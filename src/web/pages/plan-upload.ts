import { createHash } from 'node:crypto'
import { describeProblem, planCounts, readPlanFile, type PlanProblem } from '../../domain/plan-file.js'
import { recordAudit } from '../../storage/audit.js'
import { importPlanIn } from '../../storage/plan-import.js'
import type { PageContext } from '../context.js'
import { html, type Html } from '../html.js'
import { csrfField } from '../layout.js'
import { wm } from '../messages.js'
import { planPage } from './plan.js'

// The plan file reader (YAML and its schema) is loaded by the web app only when a plan is uploaded.

/**
 * Check an uploaded plan file with the same reading as `plan check`: problems
 * are shown under their lines; a clean file of this operator's plan gets an
 * import button carrying the checked source.
 */
export function checkUploadedPlan(ctx: PageContext, source: string): Html {
  const reading = readPlanFile(source)
  if (!reading.ok) return planPage(ctx, html`<p class="error" id="problems">${wm.planProblems(reading.problems.length)}</p>${sourceWithProblems(source, reading.problems)}`)
  if (reading.plan.plan.code !== ctx.plan.code) return planPage(ctx, html`<p class="error" id="problems">${wm.planOtherCode(reading.plan.plan.code, ctx.plan.code)}</p>`)
  return planPage(
    ctx,
    html`<p class="ok">${wm.planOk(planCounts(reading.plan))}</p>
${reading.warnings.length ? html`<h2>${wm.planWarnings(reading.warnings.length)}</h2><ul>${reading.warnings.map((w) => html`<li>${describeProblem(w)}</li>`)}</ul>` : ''}
<form method="post" action="/ke-hoach/nap">${csrfField(ctx.viewer)}<input type="hidden" name="source" value="${source}"><button type="submit">${wm.planImport}</button></form>`,
  )
}

/** Import a checked plan source (checked again: the form may have been edited), with its audit line. */
export async function importUploadedPlan(ctx: PageContext, source: string): Promise<Html> {
  const reading = readPlanFile(source)
  if (!reading.ok || reading.plan.plan.code !== ctx.plan.code) return checkUploadedPlan(ctx, source)
  const plan = reading.plan
  const sourceHash = createHash('sha256').update(source).digest('hex')
  const summary = await ctx.db.transaction().execute(async (trx) => {
    const s = await importPlanIn(trx, plan, { now: ctx.now, sourceHash })
    await recordAudit(trx, { planId: ctx.plan.id, operatorId: ctx.session.operatorId, action: 'plan_imported', detail: { code: plan.plan.code, sourceHash, counts: s.counts }, at: ctx.now })
    return s
  })
  await ctx.deps.afterImport?.(summary.planId, plan, ctx.now)
  return planPage({ ...ctx, plan: { ...ctx.plan, model: plan, title: plan.plan.title, imported_at: ctx.now } }, html`<p class="ok">${wm.planImported(plan.plan.code)} ${planCounts(plan)}</p>`)
}

/** The file with line numbers, each problem written right under its line (those without a line at the top). */
function sourceWithProblems(source: string, problems: readonly PlanProblem[]): Html {
  const byLine = new Map<number, PlanProblem[]>()
  const loose: PlanProblem[] = []
  for (const p of problems) {
    if (p.line === undefined) loose.push(p)
    else byLine.set(p.line, [...(byLine.get(p.line) ?? []), p])
  }
  const lines = source.split(/\r?\n/)
  return html`${loose.length ? html`<ul>${loose.map((p) => html`<li class="error">${describeProblem(p)}</li>`)}</ul>` : ''}<pre class="src">${lines.map((text, i) => {
    const here = byLine.get(i + 1)
    return here
      ? html`<span class="bad" id="line-${i + 1}"><span class="ln">${i + 1}</span>${text}${here.map((p) => html`<span class="msg">↑ ${describeProblem(p)}</span>`)}</span>`
      : html`<span class="ln">${i + 1}</span>${text}\n`
  })}</pre>`
}
