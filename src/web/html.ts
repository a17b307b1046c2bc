/** HTML that is already safe to send (escaped or written by us). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[]

/** Escape text for HTML bodies and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Html) return part.text
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('')
  return escapeHtml(String(part as string | number))
}

/**
 * The one way pages write HTML: every interpolated value is escaped unless
 * it is already `Html`, so data from chats and plan files cannot inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!
  })
  return new Html(out)
}

/** Markup produced by a trusted generator (the QR code SVG). */
export function trusted(text: string): Html {
  return new Html(text)
}
