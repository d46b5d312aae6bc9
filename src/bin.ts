#!/usr/bin/env node
/** The `mtlint` executable. */
import process from 'node:process'
import {main} from './cli.js'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write('mtlint: ' + String((error as Error)?.stack ?? error) + '\n')
    process.exitCode = 2
  }
)
