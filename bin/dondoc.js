#!/usr/bin/env node
// Entry for `npx dondoc`: loads the TypeScript CLI through tsx in this process,
// so there is no build step and signals reach the service directly.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/cli/main.ts')
process.exit(await runCli(process.argv.slice(2)))
