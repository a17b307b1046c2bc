import { formatDate, formatDeadline, instantToLocal } from '../../domain/calendar/local-time.js'
import { requestChoices } from '../../domain/reporting/period-words.js'
import { completeness, isOutstanding, unitRequestState, type UnitRequestState } from '../../domain/reporting/unit-state.js'
import { summaryText } from '../../reports/digest.js'
import { pickRequest, type PlanRequest } from '../../reports/period-request.js'
import { readExpectedUnits, readPeriodSummary, type ExpectedUnit } from '../../reports/period-summary.js'
import { remindableContacts } from '../../storage/reminder-queries.js'
import type { PageContext } from '../context.js'
import { when } from '../format.js'
import { html, type Html } from '../html.js'
import { csrfField, layout, type PageViewer } from '../layout.js'
import { wm } from '../messages.js'
import { canRemind, isAwayToday, remindFlash, requestKey } from './remind-now.js'

/** How a unit row offers "Nhắc ngay": a button, a note that nobody can receive it, or nothing. */
type RemindOffer = 'button' | 'no_contact' | 'none'

/**
 * Bảng theo dõi: the request that matters now (or the one named by `?ky=`),
 * every expected unit with its state, grouped by unit group, with counts and
 * a completeness bar. States and counts come from the domain, never recomputed.
 * Operators get "Nhắc ngay" per outstanding unit and for all of them while
 * the request takes reports; leaders get the leaders' summary instead.
 */
export async function boardPage(ctx: PageContext): Promise<Html> {
  const { db, plan, now } = ctx
  const words = ctx.url.searchParams.get('ky') ?? undefined
  const pick = await pickRequest(db, plan.id, plan.model, words, now)
  const tz = plan.timezone
  if (!pick.ok) {
    const note = pick.reason === 'unknown' ? wm.unknownPeriod(words ?? '') : wm.noRequest
    return layout(wm.boardTitle, html`<p class="note">${note}</p>${switcher(pick.choices, words, now)}`, ctx.viewer, '/')
  }
  const r = pick.request
  const units = await readExpectedUnits(db, plan.id, plan.model, r)
  const states = units.map((u) => unitRequestState(u.periods, r.dueAt))
  const total = completeness(states)
  const groups = groupUnits(plan.model.groups, plan.model.units, units)
  const stateOf = new Map(units.map((u, i) => [u.unitCode, states[i]!]))
  const offerOf = await remindOffers(ctx, pick.ok && canRemind(pick, now), units, stateOf)
  const flashId = ctx.url.searchParams.get('da-nhac')
  const flash = flashId ? await remindFlash(ctx, Number(flashId)) : ''
  const remindable = units.filter((u) => offerOf.get(u.unitCode) === 'button').length
  const body = html`${flash}
<h2>${wm.requestHeading(r.label, formatDeadline(r.dueAt, tz))}</h2>
${pick.history ? html`<p class="note">${wm.history}</p>` : ''}
<p id="totals">${wm.totals(total)}</p>
<progress class="bar" id="completeness" max="100" value="${total.percent}">${total.percent}%</progress>
${switcher(requestChoices(pick.requests, now), r.key.split('+')[0], now)}
${remindable ? html`<form method="post" action="/nhac" class="noprint" id="remind-all">${csrfField(ctx.viewer)}<input type="hidden" name="ky" value="${requestKey(r)}"><button type="submit">${wm.remindAll(remindable)}</button></form>` : ''}
${ctx.viewer.role === 'leader' ? await leaderSummary(ctx, r, pick.history) : ''}
${groups.map((g) => {
  const gStates = g.units.map((u) => stateOf.get(u.unitCode)!)
  const c = completeness(gStates)
  return html`<section class="group"><h2>${g.name} <span class="muted">${wm.groupTotals(c.submitted, c.expected)}</span></h2>
<progress class="bar" max="100" value="${c.percent}">${c.percent}%</progress>
<table class="units"><tbody>${g.units.map((u) => unitRow(u, stateOf.get(u.unitCode)!, tz, offerOf.get(u.unitCode)!, requestKey(r), ctx.viewer))}</tbody></table></section>`
})}`
  return layout(wm.boardTitle, body, ctx.viewer, '/')
}

function unitRow(u: ExpectedUnit, s: UnitRequestState, tz: string, offer: RemindOffer, key: string, viewer: PageViewer): Html {
  const text = s.kind === 'on_time' || s.kind === 'late' ? wm.state[s.kind](when(s.submittedAt, tz)) : s.kind === 'drafting' ? wm.state.drafting(s.answered) : wm.state.not_started
  const action =
    offer === 'button'
      ? html`<form method="post" action="/nhac" class="inline noprint">${csrfField(viewer)}<input type="hidden" name="ky" value="${key}"><input type="hidden" name="unit" value="${u.unitId}"><button type="submit" class="remind">${wm.remindButton}</button></form>`
      : offer === 'no_contact'
        ? html`<span class="muted">${wm.remindNoContactNote}</span>`
        : ''
  return html`<tr data-unit="${u.unitCode}"><td><a href="/don-vi/${u.unitId}">${u.unitName}</a></td><td class="s-${s.kind}">${text}${u.awayUntil ? html` <span class="muted">(${wm.awayUntil(formatDate(u.awayUntil))})</span>` : ''}</td><td class="act">${action}</td></tr>`
}

/**
 * Per unit: a "Nhắc ngay" button when an operator may remind it now (the
 * request takes reports, the unit has not submitted, is not away, and someone
 * enrolled can receive it), a note when nobody can, nothing otherwise.
 */
async function remindOffers(ctx: PageContext, open: boolean, units: readonly ExpectedUnit[], stateOf: Map<string, UnitRequestState>): Promise<Map<string, RemindOffer>> {
  const out = new Map<string, RemindOffer>(units.map((u) => [u.unitCode, 'none']))
  if (!open || ctx.viewer.role !== 'operator') return out
  const today = instantToLocal(ctx.now, ctx.plan.timezone).date
  const reachable = new Set((await remindableContacts(ctx.db, ctx.plan.id, ctx.now)).map((c) => c.unitId))
  for (const u of units) {
    if (!isOutstanding(stateOf.get(u.unitCode)!) || isAwayToday(u, today)) continue
    out.set(u.unitCode, reachable.has(u.unitId) ? 'button' : 'no_contact')
  }
  return out
}

/** The leaders' summary of the shown request, the same text the summary digest sends, escaped. */
async function leaderSummary(ctx: PageContext, r: PlanRequest, history: boolean): Promise<Html> {
  const texts = summaryText(ctx.plan.model, await readPeriodSummary(ctx.db, ctx.plan.id, ctx.plan.model, r, 'breakdown'), { history })
  return html`<section id="leader-summary"><h2>${wm.leaderSummary}</h2>${texts.map((t) => html`<pre class="digest">${t}</pre>`)}</section>`
}

/** The request switcher: a list of requests, or period words; both send `?ky=` to `action`. */
export function switcher(choices: readonly { key: string; label: string }[], current: string | undefined, _now: Date, action = '/'): Html {
  return html`<form method="get" action="${action}" class="noprint"><label>${wm.chooseRequest} <select name="ky">${choices.map((c) => {
    const k = c.key.split('+')[0]!
    return html`<option value="${k}"${k === current ? html` selected` : ''}>${c.label}</option>`
  })}</select></label> <button type="submit">${wm.show}</button></form>
<form method="get" action="${action}" class="noprint"><label>${wm.periodWords} <input name="ky" type="text"></label> <button type="submit">${wm.show}</button></form>`
}

/** Units under the plan's groups (first group each), the rest under one heading, in plan order. */
function groupUnits(groupDefs: readonly { code: string; name: string }[], unitDefs: readonly { code: string; groups: string[] }[], units: readonly ExpectedUnit[]): { name: string; units: ExpectedUnit[] }[] {
  const groupOf = new Map(unitDefs.map((u) => [u.code, u.groups[0]]))
  const out = groupDefs.map((g) => ({ code: g.code as string | undefined, name: g.name, units: [] as ExpectedUnit[] }))
  const rest = { code: undefined as string | undefined, name: wm.otherUnits, units: [] as ExpectedUnit[] }
  for (const u of units) (out.find((g) => g.code === groupOf.get(u.unitCode)) ?? rest).units.push(u)
  return [rest, ...out].filter((g) => g.units.length)
}
