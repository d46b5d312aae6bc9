#!/usr/bin/env node
/** The `npm run eval` entry (see `main.ts`). */
import process from 'node:process'
import {main} from './main.js'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write('eval: ' + String((error as Error)?.stack ?? error) + '\n')
    process.exitCode = 2
  }
)
