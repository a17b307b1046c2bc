import { foldVietnamese } from '../domain/text-fold.js'
import { C } from './render.js'

/** Words people type instead of pressing a button, folded, per choice id. */
const WORDS: Record<string, string[]> = {
  [C.skip]: ['bo qua', 'bo', 'skip', 'qua'],
  [C.back]: ['quay lai', 'lui', 'tro lai', 'back'],
  [C.keep]: ['giu', 'nhu cu', 'nhu ky truoc', 'giu nhu ky truoc'],
  [C.yes]: ['co', 'yes', 'dat', 'da co'],
  [C.no]: ['khong', 'chua', 'no', 'chua co', 'ko'],
  [C.confirm]: ['dung', 'xac nhan', 'giu', 'ok', 'dong y', 'co'],
  [C.reenter]: ['nhap lai', 'sai', 'khong'],
  [C.submit]: ['gui', 'gui bao cao', 'nop', 'nop bao cao', 'send'],
  [C.edit]: ['sua'],
  [C.none]: ['khong', 'khong co', 'ko', 'k', 'none', '-', 'bo qua'],
  [C.keepCurrent]: ['giu nguyen', 'giu', 'nhu cu', 'giu nhu cu', 'khong doi'], // "giữ" alone is "như kỳ trước" when both are offered
  [C.go]: ['bao cao ngay', 'bat dau', 'ngay', 'co', 'ok'],
  [C.later]: ['de sau', 'sau', 'khong'],
  [C.done]: ['hoan thanh', 'xong', 'da hoan thanh'],
  [C.inProgress]: ['dang thuc hien', 'dang lam'],
  [C.notStarted]: ['chua thuc hien', 'chua lam'],
  [C.delayed]: ['cham', 'cham, co vuong mac', 'vuong mac', 'cham co vuong mac'],
}

/**
 * Map typed text to one of the offered choices: by its words, its label, or
 * (when `numbers` is true, for questions whose answer is not a number) its
 * position in the list, which is how Zalo users answer.
 */
export function matchChoice(text: string, offered: readonly { id: string; label: string }[], numbers: boolean): string | undefined {
  const f = foldVietnamese(text).replace(/[.!]+$/, '')
  if (!f) return undefined
  if (numbers && /^\d{1,2}$/.test(f)) return offered[Number(f) - 1]?.id
  for (const c of offered) if (foldVietnamese(c.label) === f) return c.id
  for (const c of offered) if (WORDS[c.id]?.includes(f)) return c.id
  return undefined
}
