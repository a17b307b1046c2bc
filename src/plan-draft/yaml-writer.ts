import type { DraftCheck, DraftPlan } from './draft-plan.js'

/** The comment marker operators search for; every guess in the draft carries it. */
export const CHECK_MARK = '# KIỂM TRA:'

/** A YAML double-quoted scalar; JSON's escaping is valid YAML. */
function q(text: string): string {
  return JSON.stringify(text)
}

function list(codes: readonly string[]): string {
  return `[${codes.join(', ')}]`
}

function checkLines(checks: readonly string[], indent: string): string[] {
  return checks.map((c) => `${indent}${CHECK_MARK} ${c.replace(/\s*\n\s*/g, ' ')}`)
}

/**
 * Write the draft as a plan file in the shape of plans/ea-wy.yaml, with a
 * `# KIỂM TRA:` comment above every guessed or doubtful item, and return the
 * same checks as a list for the terminal.
 */
export function writeDraftYaml(draft: DraftPlan): { yaml: string; checks: DraftCheck[] } {
  const checks: DraftCheck[] = []
  const note = (where: string, list: readonly string[]) => list.forEach((message) => checks.push({ where, message }))
  const out: string[] = [
    `# Bản nháp kế hoạch do "dondoc plan draft" tạo từ ${draft.source}.`,
    `# Tìm các dòng "${CHECK_MARK}" và sửa trước khi chạy "dondoc plan check" / "dondoc plan import".`,
  ]
  for (const n of draft.notes) out.push(`${CHECK_MARK} ${n}`)
  note('bảng', draft.notes)

  out.push('plan:')
  out.push(...checkLines(draft.header.checks, '  '))
  note('plan', draft.header.checks)
  out.push(`  code: ${draft.header.code}`, `  title: ${q(draft.header.title)}`, `  issuer: ${q(draft.header.issuer)}`, '  timezone: Asia/Ho_Chi_Minh', '')

  out.push(draft.groups.length ? 'groups:' : 'groups: []')
  for (const g of draft.groups) {
    out.push(...checkLines(g.checks, '  '))
    note(`nhóm ${g.code}`, g.checks)
    out.push(`  - { code: ${g.code}, name: ${q(g.name)} }`)
  }
  out.push('', 'units:')
  for (const u of draft.units) {
    out.push(...checkLines(u.checks, '  '))
    note(`đơn vị ${u.code}`, u.checks)
    const fields = [`code: ${u.code}`, `name: ${q(u.name)}`]
    if (u.standing) fields.push('standing: true')
    if (u.external) fields.push('external: true')
    if (u.monitor) fields.push(`monitor: ${u.monitor}`)
    if (u.groups.length) fields.push(`groups: ${list(u.groups)}`)
    out.push(`  - { ${fields.join(', ')} }`)
  }

  out.push('', draft.indicators.length ? 'indicators:' : 'indicators: []')
  let section: string | undefined
  for (const ind of draft.indicators) {
    if (ind.section !== section) {
      section = ind.section
      if (section) out.push('', `  # ${section}`)
    }
    out.push(...checkLines(ind.checks, '  '))
    note(`chỉ tiêu ${ind.code} (${ind.place})`, ind.checks)
    out.push(`  - code: ${ind.code}`, `    section: ${q(ind.section)}`, `    name: ${q(ind.name)}`)
    if (ind.unit) out.push(`    unit: ${q(ind.unit)}`)
    const targets = Object.entries(ind.targets).map(([y, v]) => `${y}: ${q(v)}`)
    out.push(`    targets: { ${targets.join(', ')} }`, `    responsible: ${list(ind.responsible)}`, `    monitor: ${list(ind.monitor)}`)
  }

  out.push('', draft.tasks.length ? 'tasks:' : 'tasks: []')
  for (const t of draft.tasks) {
    out.push(...checkLines(t.checks, '  '))
    note(`nhiệm vụ ${t.code} (${t.place})`, t.checks)
    out.push(`  - code: ${t.code}`)
    if (t.section) out.push(`    section: ${q(t.section)}`)
    out.push(`    title: ${q(t.title)}`, `    lead: ${list(t.lead)}`, `    support: ${list(t.support)}`)
    if (t.output) out.push(`    output: ${q(t.output)}`)
    out.push(`    due: ${q(t.due)}`)
  }

  out.push('', 'schedules:')
  for (const s of draft.schedules) {
    out.push(...checkLines(s.checks, '  '))
    note(`lịch báo cáo ${s.code}`, s.checks)
    const fields = [`code: ${s.code}`, `name: ${q(s.name)}`, `period: ${s.period}`, ...(s.period === 'adhoc' ? [] : [`due: ${q(s.due)}`])]
    if (s.reporters) fields.push(`reporters: ${list(s.reporters)}`)
    if (s.compile) fields.push('compile: true')
    out.push(`  - { ${fields.join(', ')} }`)
  }
  out.push('', 'holidays: {}', '')
  return { yaml: out.join('\n'), checks }
}
