import type { Config } from '../../config.js'
import { connectDatabase } from '../open-database.js'
import { migrateToLatest } from '../../storage/migrate.js'
import type { CommandIo } from '../command-io.js'
import { op } from '../operator-messages.js'

/** `dondoc migrate`: bring the schema up to date and say what was applied. */
export async function migrateCommand(_args: string[], config: Config, io: CommandIo): Promise<number> {
  const handle = await connectDatabase(config, 'command')
  try {
    const applied = await migrateToLatest(handle.db)
    io.out(applied.length ? op.migrated(applied.length, handle.describe, applied) : op.upToDate(handle.describe))
    return 0
  } finally {
    await handle.close()
  }
}
