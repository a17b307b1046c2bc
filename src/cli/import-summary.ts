import { isEmptyDiff, PLAN_ITEM_KINDS, type FieldChange } from '../domain/plan-diff.js'
import type { ImportSummary } from '../storage/plan-import.js'
import { op } from './operator-messages.js'

/**
 * What an import changed, against what was stored: "không có thay đổi", or
 * per kind the counts then every item added, changed (field by field, old →
 * new) and archived. A new plan lists its counts only.
 */
export function describeImport(summary: ImportSummary): string {
  const { diff } = summary
  if (summary.created) {
    return [op.planCreated(summary.planCode), ...PLAN_ITEM_KINDS.map((k) => op.importAddedCount(k, diff.kinds[k].added.length))].join('\n')
  }
  if (isEmptyDiff(diff)) return op.planUnchanged(summary.planCode)
  const lines = [op.planUpdated(summary.planCode)]
  for (const c of [...diff.header, ...diff.settings]) lines.push(op.importPlanField(fieldName(c), showValue(c.before), showValue(c.after)))
  for (const kind of PLAN_ITEM_KINDS) {
    const d = diff.kinds[kind]
    const c = summary.counts[kind]
    if (!c.added && !c.updated && !c.archived && !d.reordered) continue
    lines.push(op.importCounts(kind, c.added, c.updated, c.archived))
    for (const item of d.added) lines.push(op.importAdded(item.code, item.label, summary.restored[kind].includes(item.code)))
    for (const item of d.changed) {
      for (const change of item.changes) {
        const raw = change.field === 'targets'
        lines.push(op.importChanged(item.code, fieldName(change), showValue(change.before, raw), showValue(change.after, raw)))
      }
    }
    for (const item of d.removed) lines.push(op.importArchived(item.code, item.label))
    if (d.reordered) lines.push(op.importReordered)
  }
  return lines.join('\n')
}

function fieldName(change: FieldChange): string {
  const name = op.planFieldNames[change.field] ?? change.field
  if (change.key === undefined) return name
  return `${name} ${op.planFieldNames[change.key] ?? change.key}`
}

/** A field's value as the plan file shows it: text quoted (targets as written), lists joined, yes/no in words. */
function showValue(v: unknown, raw = false): string {
  if (v === undefined || v === null) return op.absent
  if (typeof v === 'string') return raw ? v : JSON.stringify(v)
  if (typeof v === 'boolean') return v ? op.yes : op.no
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : op.empty
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}
