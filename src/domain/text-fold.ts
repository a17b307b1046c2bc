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
