import { op } from './operator-messages.js'

/**
 * Node's `parseArgs` errors ("Unknown option '--out'") as the operator's one
 * Vietnamese line naming the command; undefined for any other error.
 */
export function argsProblem(err: unknown, command: string): string | undefined {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return undefined
  const message = (err as Error).message
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? ''
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return op.unknownOption(command, quoted)
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return op.unexpectedArgument(command, quoted)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = quoted.split(' ')[0] ?? quoted
      return message.includes('argument missing') ? op.optionNeedsValue(command, option) : op.optionTakesNoValue(command, option)
    }
    default:
      return op.badArguments(command)
  }
}
