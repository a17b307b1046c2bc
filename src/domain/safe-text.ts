/**
 * Other people's free text made safe to quote in a leader's message:
 * bidirectional overrides and isolates (which can reverse what a leader
 * reads), zero-width and other control characters are removed; line breaks
 * become spaces so a quote cannot forge a new line of the summary.
 */
export function neutraliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
}
