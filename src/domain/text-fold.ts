/**
 * Fold Vietnamese text for forgiving comparisons: people type without
 * diacritics on phones ("bao cao", "Quy IV"), so matching words and phrases
 * must not depend on them. Lower-cases, strips combining marks, maps đ→d and
 * collapses whitespace.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The spelling in `codes` of a code typed in any case (`thon-01` → `THON-01`):
 * the exact spelling wins; else the one code equal but for case; undefined
 * when none, or when two codes differ only by case. Operators type codes as
 * they like; plans, units, groups and schedules are found the same way.
 */
export function codeAsSpelled(codes: readonly string[], typed: string): string | undefined {
  if (codes.includes(typed)) return typed
  const folded = codes.filter((c) => c.toLowerCase() === typed.toLowerCase())
  return folded.length === 1 ? folded[0] : undefined
}
