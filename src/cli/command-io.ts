/**
 * What a command may do to the outside world besides the database: print a
 * result, show progress, read the clock. Passed in so tests capture output
 * and fix the time.
 */
export interface CommandIo {
  out(text: string): void
  progress(text: string): void
  now(): Date
}

/** The real terminal: results on stdout, progress on stderr. */
export const terminalIo: CommandIo = {
  out: (text) => process.stdout.write(text + '\n'),
  progress: (text) => process.stderr.write(text + '\n'),
  now: () => new Date(),
}
