import { foldVietnamese } from '../domain/text-fold.js'
import { cleanItemName, type RawTask } from './table-rows.js'

/**
 * Tasks written as prose: many ward and commune plans have no task table and
 * list their tasks in the body, under "II. NHIỆM VỤ VÀ GIẢI PHÁP" (or
 * "NHIỆM VỤ, GIẢI PHÁP", "Các nhiệm vụ và giải pháp trọng tâm"): numbered
 * groups ("1. Nâng cao nhận thức …") holding lettered items ("a) Tổ chức …")
 * or, in a group without letters, bulleted ones ("- Xây dựng …", seed 003).
 * Each item is one task, worded as written; its group is its section.
 * A "Chủ trì: …" / "Phối hợp: …" paragraph names the units of the group's
 * items above it that have none yet.
 */

/** A task read from the body, with the heading of the part it came from. */
export interface BodyTasks {
  /** "II. NHIỆM VỤ VÀ GIẢI PHÁP", as written. */
  heading: string
  tasks: RawTask[]
}

const ROMAN_HEADING = /^([IVXL]+)\.\s+(.+)$/
const GROUP = /^(\d{1,2})\.\s+(.+)$/
const ITEM = /^([a-zđ])\)\s*(.+)$/u
const BULLET = /^[-–+•]\s*(.+)$/u
const LEAD = /^[-–+•]?\s*(?:đơn vị )?chủ trì\s*:\s*(.+)$/iu
const SUPPORT = /^[-–+•]?\s*(?:đơn vị )?phối hợp\s*:\s*(.+)$/iu

/** Whether a roman-numbered heading is the plan's tasks part. */
export function isTaskHeading(heading: string): boolean {
  const f = foldVietnamese(heading)
  return /nhiem vu/.test(f) && /giai phap|trong tam/.test(f)
}

/** The lettered items of the body's tasks part; undefined when the body has no such part or no item in it. */
export function readBodyTasks(paragraphs: readonly string[]): BodyTasks | undefined {
  const start = paragraphs.findIndex((p) => {
    const m = ROMAN_HEADING.exec(p.trim())
    return m !== null && isTaskHeading(m[2] ?? '')
  })
  if (start < 0) return undefined
  const heading = (paragraphs[start] ?? '').trim()
  const part = (ROMAN_HEADING.exec(heading)?.[1] ?? '').toUpperCase()
  const tasks: RawTask[] = []
  let section = ''
  let group = ''
  let unassigned: RawTask[] = []
  let unsupported: RawTask[] = []
  let lettered = false
  let bullets = 0
  for (let i = start + 1; i < paragraphs.length; i++) {
    const p = (paragraphs[i] ?? '').trim()
    if (ROMAN_HEADING.test(p)) break
    const lead = LEAD.exec(p)
    const support = SUPPORT.exec(p)
    const g = GROUP.exec(p)
    const item = ITEM.exec(p)
    const bullet = lettered ? null : BULLET.exec(p)
    if (lead?.[1]) {
      for (const t of unassigned) t.lead = lead[1].trim()
      unassigned = []
    } else if (support?.[1]) {
      for (const t of unsupported) t.support = support[1].trim()
      unsupported = []
    } else if (g?.[1] && g[2]) {
      group = g[1]
      section = `${g[1]}. ${g[2].trim()}`
      unassigned = []
      unsupported = []
      lettered = false
      bullets = 0
    } else if ((item?.[1] && item[2]) || bullet?.[1]) {
      const where = `mục ${part}${group ? '.' + group : ''}`
      const place = item?.[1] ? `${where}.${item[1]}` : `${where}, gạch đầu dòng ${++bullets}`
      lettered ||= item !== null
      const task: RawTask = { place, section, title: (item?.[2] ?? bullet?.[1] ?? '').trim(), lead: '', support: '', output: '', due: '', checks: [] }
      tasks.push(task)
      unassigned.push(task)
      unsupported.push(task)
    } else {
      // A paragraph that goes on with the item above (a list after "như:", a second paragraph).
      const last = unassigned[unassigned.length - 1]
      if (last) last.title = `${last.title} ${p}`
    }
  }
  for (const t of tasks) t.title = cleanItemName(t.title)
  return tasks.length > 0 ? { heading, tasks } : undefined
}
