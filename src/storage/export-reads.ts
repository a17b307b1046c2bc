import { sql } from 'kysely'
import type { AnswerValue } from '../domain/answer-rules.js'
import { toAnswerValue } from './answer-value.js'
import type { Channel, Db, TaskStatus } from './database.js'

/**
 * Read queries behind the period export (the workbook and the Word draft):
 * set-based, one query per sheet, never one per unit.
 */

/** A submitted value with who entered it, when, through which app. */
export interface ValueEntry {
  indicatorCode: string
  /** The unit the value is about (its own, or the external unit it answers for). */
  unitCode: string
  value: AnswerValue
  note: string | null
  enteredBy: string | null
  enteredAt: Date
  channel: Channel
}

/**
 * Every submitted value of a request with its author. A combined report
 * stores each answer in each of its submissions: each (indicator, unit) is
 * returned once (the answers of a combined report are the same in each period).
 */
export async function requestValueEntries(db: Db, periodIds: readonly number[]): Promise<ValueEntry[]> {
  if (!periodIds.length) return []
  // A province's request holds some 222,000 values. They travel as one text of tab-separated lines rather
  // than 222,000 rows (decoding rows field by field is what costs most on the embedded PGlite) or a JSON
  // array (json_build_array per row took the server three times as long): codes are plain by the plan's
  // rules, free text is JSON-quoted (so no tab or line break inside), the time is epoch seconds. Only a
  // combined report (several periods) needs the sort that keeps one answer per indicator and unit.
  const combined = periodIds.length > 1
  const rows = await sql<{ lines: string | null }>`
    select string_agg(concat(x.code, E'\t', x.unit_code, E'\t', x.value_num, E'\t', x.value_bool::int, E'\t', to_json(x.value_text), E'\t',
      to_json(x.note), E'\t', to_json(x.display_name), E'\t', date_part('epoch', x.updated_at), E'\t', x.channel), E'\n') as lines
    from (
      select ${combined ? sql`distinct on (v.indicator_id, v.about_unit_id)` : sql``} i.code, u.code as unit_code, v.value_num, v.value_bool, v.value_text, v.note,
        c.display_name, v.updated_at, v.channel
      from indicator_values v
      join submissions sub on sub.id = v.submission_id
      join indicators i on i.id = v.indicator_id
      join units u on u.id = v.about_unit_id
      left join contacts c on c.id = v.updated_by_contact_id
      where sub.period_id in (${sql.join([...periodIds])}) and sub.status in ('submitted', 'covered') and not v.skipped
      ${combined ? sql`order by v.indicator_id, v.about_unit_id, sub.period_id` : sql``}
    ) x
  `.execute(db)
  const text = rows.rows[0]?.lines
  if (!text) return []
  // Many values share an instant (a unit's whole report is stored at once): one Date each.
  const instants = new Map<string, Date>()
  return text.split('\n').map((line) => {
    const [code, unitCode, num, bool, valueText, note, who, at, channel] = line.split('\t') as [string, string, string, string, string, string, string, string, Channel]
    let enteredAt = instants.get(at)
    // Epoch seconds with microseconds, to the millisecond (the driver truncates the same way).
    if (!enteredAt) instants.set(at, (enteredAt = new Date(Math.floor(Number(at) * 1000 + 1e-3))))
    return {
      indicatorCode: code,
      unitCode,
      value: toAnswerValue({ value_num: num ? Number(num) : null, value_bool: bool ? bool === '1' : null, value_text: unquote(valueText) }),
      note: unquote(note),
      enteredBy: unquote(who),
      enteredAt,
      channel,
    }
  })
}

/** A JSON-quoted field (empty means SQL null); only one with an escape needs the JSON parser. */
function unquote(field: string): string | null {
  if (!field) return null
  return field.includes('\\') ? (JSON.parse(field) as string) : field.slice(1, -1)
}

/** Who submitted a unit's report, through which app (its first submission of the request). */
export interface SubmissionEntry {
  unitCode: string
  submittedBy: string | null
  channel: Channel | null
}

/** The first submission of each unit for a request, with the person who sent it. */
export async function requestSubmitters(db: Db, periodIds: readonly number[]): Promise<SubmissionEntry[]> {
  if (!periodIds.length) return []
  const rows = await sql<{ code: string; display_name: string | null; submitted_channel: Channel | null }>`
    select distinct on (sub.unit_id) u.code, c.display_name, sub.submitted_channel
    from submissions sub
    join units u on u.id = sub.unit_id
    left join contacts c on c.id = sub.submitted_by_contact_id
    where sub.period_id in (${sql.join([...periodIds])}) and sub.status in ('submitted', 'covered') and sub.submitted_at is not null
    order by sub.unit_id, sub.submitted_at
  `.execute(db)
  return rows.rows.map((r) => ({ unitCode: r.code, submittedBy: r.display_name, channel: r.submitted_channel }))
}

/** A unit's latest word on a task in this request: status plus output or reason. */
export interface TaskEntry {
  taskCode: string
  unitCode: string
  status: TaskStatus
  detail: string | null
  submitted: boolean
}

/**
 * Task progress each unit gave in this request (drafts included, marked):
 * once per (task, unit), the latest change.
 */
export async function requestTaskEntries(db: Db, periodIds: readonly number[]): Promise<TaskEntry[]> {
  if (!periodIds.length) return []
  const rows = await sql<{ code: string; unit_code: string; status: TaskStatus; detail: string | null; sub_status: string }>`
    select distinct on (tp.task_id, sub.unit_id) t.code, u.code as unit_code, tp.status, tp.detail, sub.status as sub_status
    from task_progress tp
    join submissions sub on sub.id = tp.submission_id
    join tasks t on t.id = tp.task_id
    join units u on u.id = sub.unit_id
    where sub.period_id in (${sql.join([...periodIds])})
    order by tp.task_id, sub.unit_id, tp.updated_at desc, sub.period_id
  `.execute(db)
  return rows.rows.map((r) => ({ taskCode: r.code, unitCode: r.unit_code, status: r.status, detail: r.detail, submitted: r.sub_status !== 'draft' }))
}
