import { listUnitsWithContacts } from '../../storage/units.js'
import { planItemNames, unitContacts, unitReports, planUnit, type AnswerChange } from '../../storage/web-reads.js'
import type { PageContext } from '../context.js'
import { answerText, appName, when } from '../format.js'
import { html, type Html } from '../html.js'
import { csrfField, layout } from '../layout.js'
import { wm } from '../messages.js'

/** Đơn vị: every unit of the plan with how many contacts it has. */
export async function unitsPage(ctx: PageContext): Promise<Html> {
  const units = await listUnitsWithContacts(ctx.db, ctx.plan.id)
  const body = html`<table class="wide"><thead><tr><th>${wm.unitsTitle}</th><th>${wm.contacts}</th></tr></thead><tbody>${units.map(
    (u) => html`<tr><td><a href="/don-vi/${u.id}">${u.name}</a> <span class="muted">${u.code}</span></td><td>${u.contacts.length ? u.contacts.map((c) => c.displayName ?? wm.noName).join(', ') : html`<span class="muted">${wm.noContacts}</span>`}</td></tr>`,
  )}</tbody></table>`
  return layout(wm.unitsTitle, body, ctx.viewer, '/don-vi')
}

/**
 * One unit: its contacts (with a remove button for operators), its reports
 * by period, each value with its full history. Undefined when the id is not
 * a unit of the operator's plan.
 */
export async function unitPage(ctx: PageContext, unitId: number, flash?: string): Promise<Html | undefined> {
  const unit = await planUnit(ctx.db, ctx.plan.id, unitId)
  if (!unit) return undefined
  const tz = ctx.plan.timezone
  const [contacts, reports, names] = await Promise.all([unitContacts(ctx.db, ctx.plan.id, unitId), unitReports(ctx.db, ctx.plan.id, unitId), planItemNames(ctx.db, ctx.plan.id)])
  const canChange = ctx.viewer.role === 'operator'
  const body = html`
${flash ? html`<p class="ok">${flash}</p>` : ''}
<h2>${wm.contacts}</h2>
${contacts.length
    ? html`<table class="wide" id="contacts"><thead><tr><th>${wm.app}</th><th>${wm.name}</th><th>${wm.since}</th><th></th></tr></thead><tbody>${contacts.map(
        (c) => html`<tr data-contact="${c.id}"><td>${appName(c.channel)}</td><td>${c.displayName ?? wm.noName}${c.status === 'active' ? '' : html` <span class="muted">(${c.status})</span>`}</td><td>${when(c.since, tz)}</td><td>${
          canChange
            ? html`<form method="post" action="/don-vi/${unitId}/go-lien-he" class="inline">${csrfField(ctx.viewer)}<input type="hidden" name="contact" value="${c.id}"><button type="submit">${wm.remove}</button></form>`
            : ''
        }</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${wm.noContacts}</p>`}
<h2>${wm.reports}</h2>
${reports.submissions.length
    ? reports.submissions.map((s) => {
        const changes = reports.changes.filter((c) => c.submissionId === s.id)
        return html`<section class="submission"><h3>${s.periodLabel}: ${wm.submission[s.status]}${s.submittedAt ? html` <span class="muted">${wm.submittedAt(when(s.submittedAt, tz))}</span>` : ''}</h3>${historyTable(changes, names, tz)}</section>`
      })
    : html`<p class="muted">${wm.noReports}</p>`}`
  return layout(`${unit.name} (${unit.code})`, body, ctx.viewer, '/don-vi')
}

/** The item a history row is about: an indicator (`<id>:<about unit id>`), a task (`<id>`) or a section name. */
function itemKey(c: AnswerChange): string {
  return c.itemKind === 'indicator' ? `indicator:${c.itemRef.split(':')[0]}` : `${c.itemKind}:${c.itemRef}`
}

function itemLabel(key: string, names: Map<string, string>): string {
  const section = key.startsWith('section:') ? wm.sections[key.slice('section:'.length)] : undefined
  return names.get(key) ?? section ?? key
}

/** Each item's current value first, then every change: who, when, which app, old → new. */
function historyTable(changes: AnswerChange[], names: Map<string, string>, tz: string): Html {
  if (!changes.length) return html``
  const items = [...new Set(changes.map(itemKey))]
  return html`<table class="wide history"><tbody>${items.map((key) => {
    const list = changes.filter((c) => itemKey(c) === key)
    const latest = list[list.length - 1]!
    return html`<tr><td><strong>${itemLabel(key, names)}</strong>: ${answerText(latest.newValue)}<ul>${list.map(
      (c) => html`<li>${wm.changeLine(c.who ?? wm.unknownPerson, when(c.at, tz), appName(c.channel))}: ${c.oldValue === null || c.oldValue === undefined ? '' : html`${answerText(c.oldValue)} → `}${answerText(c.newValue)}</li>`,
    )}</ul></td></tr>`
  })}</tbody></table>`
}
