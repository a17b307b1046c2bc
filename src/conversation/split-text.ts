/** Split a long text on line boundaries into parts of at most `max` characters. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text]
  const parts: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    const pieces = line.length > max ? line.match(new RegExp(`[\\s\\S]{1,${max}}`, 'g')) ?? [] : [line]
    for (const piece of pieces) {
      if (current && current.length + 1 + piece.length > max) {
        parts.push(current)
        current = piece
      } else current = current ? `${current}\n${piece}` : piece
    }
  }
  if (current) parts.push(current)
  return parts
}
