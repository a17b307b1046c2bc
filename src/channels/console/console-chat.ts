import { createInterface } from 'node:readline/promises'
import type { ConversationEngine } from '../../conversation/engine.js'
import { renderTextOnly } from '../text-only.js'

/**
 * The local sandbox: the same engine in a terminal, as an operator or a
 * trainee would use it, with choices as numbers. Each line typed is one
 * update; Ctrl-D or "/thoat" ends.
 */
export async function runConsoleChat(deps: {
  engine: ConversationEngine
  userId: string
  displayName: string
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
  now: () => Date
  firstMessage?: string
}): Promise<void> {
  const rl = createInterface({ input: deps.input, output: deps.output, terminal: false })
  const write = (text: string) => deps.output.write(text + '\n')
  let seq = 0
  const send = async (text: string) => {
    seq += 1
    const out = await deps.engine.handle({
      channel: 'console',
      updateId: `${deps.userId}:${deps.now().getTime()}:${seq}`,
      userId: deps.userId,
      chatId: deps.userId,
      chatType: 'private',
      displayName: deps.displayName,
      at: deps.now(),
      text,
    })
    for (const reply of out.replies) write(`\n🤖 ${renderTextOnly(reply).replace(/\n/g, '\n   ')}`)
    deps.output.write('\n> ')
  }
  if (deps.firstMessage) await send(deps.firstMessage)
  for await (const line of rl) {
    if (line.trim() === '/thoat') break
    await send(line)
  }
  rl.close()
}
