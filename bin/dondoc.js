#!/usr/bin/env node
// Entry for `npx dondoc` and `npm start`: runs the CLI compiled to dist/ by
// `npm run build` (which `npm install` runs), so a start costs no TypeScript
// transpiling. DONDOC_FROM_SOURCE=1 runs src/ through tsx instead; the tests
// set it so they always exercise the current sources, never a stale build.
// With no dist/ it stops with the command to run rather than silently falling
// back to tsx: the slow path would hide a broken install.
import { existsSync, readdirSync, statSync } from 'node:fs'

const fromSource = process.env.DONDOC_FROM_SOURCE === '1'
const entry = new URL(fromSource ? '../src/cli/main.ts' : '../dist/src/bundle/main.js', import.meta.url)

if (fromSource) {
  const { register } = await import('tsx/esm/api')
  register()
} else if (!existsSync(entry)) {
  process.stderr.write('dondoc: the compiled CLI (dist/) is missing: run `npm run build` (npm install runs it), or set DONDOC_FROM_SOURCE=1 to run the TypeScript sources through tsx\n')
  process.exit(1)
} else if (sourcesNewerThanBuild()) {
  process.stderr.write('dondoc: warning: src/ or migrations/ changed after the last build; run `npm run build` to use the changes\n')
}

const { runCli, exitWhenFlushed } = await import(entry.href)
// Not process.exit straight away: output still queued for a pipe would be lost.
const code = await runCli(process.argv.slice(2))
if (exitWhenFlushed) await exitWhenFlushed(code)
else process.exit(code) // a dist/ built before exitWhenFlushed existed

/** Whether any file under src/ or migrations/ is newer than dist/build-stamp (a few ms for ~150 files). */
function sourcesNewerThanBuild() {
  let built
  try {
    built = statSync(new URL('../dist/build-stamp', import.meta.url)).mtimeMs
  } catch {
    return true
  }
  for (const dir of ['../src/', '../migrations/']) {
    const url = new URL(dir, import.meta.url)
    if (!existsSync(url)) continue
    for (const file of readdirSync(url, { recursive: true })) {
      if (statSync(new URL(String(file), url)).mtimeMs > built) return true
    }
  }
  return false
}
