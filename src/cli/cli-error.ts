/**
 * An error meant for the operator's screen: printed as one line, with the
 * exit code it asks for, never as a stack trace.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
    this.name = 'CliError'
  }
}
