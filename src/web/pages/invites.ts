import QRCode from 'qrcode'
import { createInvite, UnknownUnitError } from '../../conversation/invites.js'
import { recordAudit } from '../../storage/audit.js'
import { listUnitsWithContacts } from '../../storage/units.js'
import { planInvites, type InviteView } from '../../storage/web-reads.js'
import type { PageContext } from '../context.js'
import { when } from '../format.js'
import { html, trusted, type Html } from '../html.js'
import { csrfField, layout } from '../layout.js'
import { wm } from '../messages.js'

/** Mời tham gia: a form to create invites, and the pending, used and expired ones (codes are never shown again). */
export async function invitesPage(ctx: PageContext, problem?: string): Promise<Html> {
  const [units, invites] = await Promise.all([listUnitsWithContacts(ctx.db, ctx.plan.id), planInvites(ctx.db, ctx.plan.id, 200)])
  const tz = ctx.plan.timezone
  const pending = invites.filter((i) => !i.usedAt && i.expiresAt > ctx.now)
  const used = invites.filter((i) => i.usedAt)
  const expired = invites.filter((i) => !i.usedAt && i.expiresAt <= ctx.now)
  const form =
    ctx.viewer.role === 'operator'
      ? html`<form method="post" action="/moi" class="noprint">${csrfField(ctx.viewer)}
<fieldset><legend>${wm.inviteFor}</legend>
<label><input type="checkbox" name="leader" value="1"> ${wm.inviteLeader}</label>
${units.map((u) => html`<label><input type="checkbox" name="unit" value="${u.code}"> ${u.name} <span class="muted">(${u.contacts.length})</span></label>`)}
</fieldset>
<label>${wm.inviteName} <input type="text" name="name" maxlength="100"></label>
<button type="submit">${wm.inviteCreate}</button></form>`
      : html``
  const list = (title: string, rows: InviteView[], id: string) =>
    html`<h2>${title}</h2>${rows.length ? html`<ul id="${id}">${rows.map((i) => html`<li>${i.role === 'leader' ? wm.cardLeader : i.unitName}${i.displayName ? `, ${i.displayName}` : ''}: ${i.usedAt ? wm.usedBy(i.usedBy ?? wm.unknownPerson, when(i.usedAt, tz)) : wm.validUntil(when(i.expiresAt, tz))}</li>`)}</ul>` : html`<p class="muted">${wm.noInvites}</p>`}`
  return layout(wm.invitesTitle, html`${problem ? html`<p class="error">${problem}</p>` : ''}${form}${list(wm.invitesPending, pending, 'pending')}${list(wm.invitesUsed, used, 'used')}${list(wm.invitesExpired, expired, 'expired')}`, ctx.viewer, '/moi')
}

/**
 * Create the chosen invites (one per unit, and one for a leader) in one
 * transaction with their audit lines, and answer with the printable A4 sheet
 * of cards: the only time the codes are shown.
 */
export async function createInvites(ctx: PageContext, form: { unitCodes: string[]; leader: boolean; name: string }): Promise<Html> {
  if (!form.unitCodes.length && !form.leader) return invitesPage(ctx, wm.inviteNoneChosen)
  const name = form.name.trim().slice(0, 100)
  const targets: { unitCode?: string; leader: boolean }[] = [...(form.leader ? [{ leader: true }] : []), ...form.unitCodes.map((unitCode) => ({ unitCode, leader: false }))]
  let cards: { code: string; expiresAt: Date; title: string }[]
  try {
    cards = await insertInvites(ctx, targets, name)
  } catch (err) {
    if (err instanceof UnknownUnitError) return invitesPage(ctx, wm.unknownUnit(err.unitCode))
    throw err
  }
  return cardSheet(ctx, cards, name)
}

/** The invites and their audit lines, in one transaction: all or none. */
function insertInvites(ctx: PageContext, targets: { unitCode?: string; leader: boolean }[], name: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const out: { code: string; expiresAt: Date; title: string }[] = []
    for (const t of targets) {
      const inv = await createInvite(trx, { planId: ctx.plan.id, planCode: ctx.plan.code, leader: t.leader, now: ctx.now, ...(t.unitCode ? { unitCode: t.unitCode } : {}), ...(name ? { displayName: name } : {}) })
      await recordAudit(trx, { planId: ctx.plan.id, operatorId: ctx.session.operatorId, action: 'invite_created', detail: { unit: t.unitCode ?? null, leader: t.leader, name: name || null }, at: ctx.now })
      out.push({ code: inv.code, expiresAt: inv.expiresAt, title: t.leader ? wm.cardLeader : (inv.unitName ?? '') })
    }
    return out
  })
}

/** The printable A4 sheet of invite cards: the only time the codes are shown. */
async function cardSheet(ctx: PageContext, cards: { code: string; expiresAt: Date; title: string }[], name: string): Promise<Html> {
  const bot = await ctx.deps.telegramBot?.().catch(() => undefined)
  const tz = ctx.plan.timezone
  const rendered = await Promise.all(
    cards.map(async (c) => {
      const link = bot ? `https://t.me/${bot}?start=${c.code}` : undefined
      const qr = link ? trusted(await QRCode.toString(link, { type: 'svg', margin: 1 })) : ''
      return html`<div class="card" data-code="${c.code}">${qr}<div><strong>${c.title}</strong>${name ? html`<br>${name}` : ''}</div>
<div>${wm.cardCode}:</div><div class="code">${c.code}</div>
<p>${link ? html`${wm.cardTelegram} <code>/start ${c.code}</code><br><span class="muted">${link}</span>` : html`${wm.cardTelegramNoBot} <code>/start ${c.code}</code>`}</p>
<p>${wm.cardZalo} <code>${c.code}</code></p><p class="muted">${wm.validUntil(when(c.expiresAt, tz))}</p></div>`
    }),
  )
  return layout(wm.cardsTitle, html`<p class="note noprint">${wm.cardsNote}</p><div class="cards">${rendered}</div>`, ctx.viewer, '/moi')
}
