import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openPGliteInProcess } from '../../src/storage/connection.js'
import { migrateToLatest } from '../../src/storage/migrate.js'

/**
 * Creating a PGlite database from scratch runs initdb (3-5 s); loading a dump
 * takes well under a second. Build one migrated template per test run and let
 * every test load its own private copy of it.
 */
export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {}
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-test-'))
  const file = path.join(dir, 'template.tar.gz')
  const { handle, pglite } = await openPGliteInProcess()
  await migrateToLatest(handle.db)
  const dump = await pglite.dumpDataDir('gzip')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await handle.close()
  process.env.DONDOC_PGLITE_TEMPLATE = file
  return () => rmSync(dir, { recursive: true, force: true })
}
