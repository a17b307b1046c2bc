import type { Plan } from './plan-model.js'

/** The coded parts of a plan, in the order an import reports them. */
export const PLAN_ITEM_KINDS = ['groups', 'units', 'schedules', 'indicators', 'tasks'] as const
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number]

/**
 * One field that differs, as the plan file names it: `name`, or a keyed
 * entry of a map (`targets` + `2030`). `undefined` means absent on that side.
 */
export interface FieldChange {
  field: string
  key?: string
  before: unknown
  after: unknown
}

/** An item present on one side only: its code and its name or title. */
export interface ItemRef {
  code: string
  label: string
}

/** What changed within one kind of item, items in file order. */
export interface KindDiff {
  added: ItemRef[]
  changed: { code: string; changes: FieldChange[] }[]
  /** In the stored plan, gone from the file. */
  removed: ItemRef[]
  /** The items both sides share are listed in a different order. */
  reordered: boolean
}

/** Everything a re-import changes, field by field. */
export interface PlanDiff {
  /** `plan.title`, `plan.issuer`, `plan.timezone`. */
  header: FieldChange[]
  /** `holidays` per year, `reminders` and `digests` per setting. */
  settings: FieldChange[]
  kinds: Record<PlanItemKind, KindDiff>
}

/**
 * Compare the plan as stored with the plan from the file, item by item (by
 * code) and field by field, so an import can say exactly what it changed, and
 * "nothing" when nothing did. `before` undefined: a new plan, every item added.
 */
export function diffPlans(before: Plan | undefined, after: Plan): PlanDiff {
  const kinds = {} as Record<PlanItemKind, KindDiff>
  for (const kind of PLAN_ITEM_KINDS) {
    kinds[kind] = diffItems((before?.[kind] ?? []) as unknown as Item[], after[kind] as unknown as Item[])
  }
  if (!before) return { header: [], settings: [], kinds }
  const header = diffFields(before.plan as unknown as Item, after.plan as unknown as Item, [])
  const settings = [
    ...diffFields({ holidays: before.holidays }, { holidays: after.holidays }, []),
    ...(['reminders', 'digests'] as const).flatMap((part) =>
      diffFields(before[part] as unknown as Item, after[part] as unknown as Item, []).map((c) => ({ ...c, key: c.field, field: part })),
    ),
  ]
  return { header, settings, kinds }
}

/** Whether an import of `after` over `before` changes anything at all. */
export function isEmptyDiff(diff: PlanDiff): boolean {
  return (
    diff.header.length === 0 &&
    diff.settings.length === 0 &&
    PLAN_ITEM_KINDS.every((k) => {
      const d = diff.kinds[k]
      return !d.added.length && !d.changed.length && !d.removed.length && !d.reordered
    })
  )
}

type Item = { code: string } & Record<string, unknown>

/** Fields compared key by key, so a target edit names its year. */
const KEYED_FIELDS = new Set(['targets', 'holidays'])

function diffItems(before: readonly Item[], after: readonly Item[]): KindDiff {
  const old = new Map(before.map((i) => [i.code, i]))
  const now = new Set(after.map((i) => i.code))
  const diff: KindDiff = { added: [], changed: [], removed: [], reordered: false }
  for (const item of after) {
    const was = old.get(item.code)
    if (!was) {
      diff.added.push(ref(item))
      continue
    }
    const changes = diffFields(was, item, ['code'])
    if (changes.length) diff.changed.push({ code: item.code, changes })
  }
  for (const item of before) if (!now.has(item.code)) diff.removed.push(ref(item))
  const sharedBefore = before.filter((i) => now.has(i.code)).map((i) => i.code)
  const sharedAfter = after.filter((i) => old.has(i.code)).map((i) => i.code)
  diff.reordered = sharedBefore.some((code, i) => sharedAfter[i] !== code)
  return diff
}

function ref(item: Item): ItemRef {
  return { code: item.code, label: String(item.name ?? item.title ?? '') }
}

function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[]): FieldChange[] {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((f) => !skip.includes(f))
  const changes: FieldChange[] = []
  for (const field of fields) {
    const was = before[field]
    const is = after[field]
    if (same(was, is)) continue
    if (KEYED_FIELDS.has(field) && isRecord(was ?? {}) && isRecord(is ?? {})) {
      const a = (was ?? {}) as Record<string, unknown>
      const b = (is ?? {}) as Record<string, unknown>
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        if (!same(a[key], b[key])) changes.push({ field, key, before: a[key], after: b[key] })
      }
      continue
    }
    changes.push({ field, before: was, after: is })
  }
  return changes
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Equal as stored JSON: key order does not matter, absent equals undefined. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}
