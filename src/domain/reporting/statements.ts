/**
 * What units wrote in a narrative section (difficulties, proposals, results),
 * read by a leader: units often write the same sentence ("Thiếu kinh phí"),
 * and a report lists it once with every unit that said it. Two statements are
 * the same when they differ only in case, spacing or closing punctuation;
 * diacritics count (in Vietnamese they change the word).
 */

/** One statement and the units that made it, in the order they were given. */
export interface GroupedStatement {
  /** The text as the first unit wrote it. */
  body: string
  unitNames: string[]
}

/** The key two statements share when they say the same thing. */
function statementKey(body: string): string {
  return body.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim().replace(/[\s.;,!…]+$/u, '')
}

/**
 * Statements grouped by what they say: the one made by the most units first,
 * ties in the order the first unit appears (the plan's unit order when the
 * entries come in it). Blank statements are left out.
 */
export function groupStatements(entries: readonly { unitName: string; body: string }[]): GroupedStatement[] {
  const byKey = new Map<string, GroupedStatement>()
  for (const e of entries) {
    const key = statementKey(e.body)
    if (!key) continue
    const group = byKey.get(key)
    if (group) {
      if (!group.unitNames.includes(e.unitName)) group.unitNames.push(e.unitName)
    } else byKey.set(key, { body: e.body.trim(), unitNames: [e.unitName] })
  }
  const groups = [...byKey.values()]
  // Array.prototype.sort is stable: equal counts keep their first appearance.
  return groups.sort((a, b) => b.unitNames.length - a.unitNames.length)
}
