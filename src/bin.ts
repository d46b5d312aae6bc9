#!/usr/bin/env node
/** The `mtlint` executable. */
import process from 'node:process'
import v8 from 'node:v8'
import {main} from './cli.js'

// Grow each heap by at most 2× its live size between full collections
// (V8's default reaches 4×). Every document's tree is garbage once it is
// linted, and with the default, 1,000 articles peaked anywhere from 410 to
// 730 MB; with this, ~280 MB, for 5–15% more time (bench/NOTES.md). The
// flag is read at each collection, and threads started later share it.
v8.setFlagsFromString('--heap-growing-percent=100')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write('mtlint: ' + String((error as Error)?.stack ?? error) + '\n')
    process.exitCode = 2
  }
)
