#!/usr/bin/env node
/** The `mtlint` executable. */
import process from 'node:process'
import v8 from 'node:v8'
import {main} from './cli.js'

// No allocation-site pretenuring. V8 moves an allocation site's objects
// straight into the old generation once most of them survive a scavenge —
// and the first article's trees are all alive when the pack loads — so
// every later document's nodes were born old, kept their young children
// alive through the remembered set, and were only freed by full collections:
// 1,000 articles promoted 270 MB instead of 60, and scavenges took twice as
// long (bench/NOTES.md, section 7). Documents die young; nothing here gains
// from the guess. V8 reads the flag at each decision, and threads started
// later share it.
v8.setFlagsFromString('--no-allocation-site-pretenuring')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write('mtlint: ' + String((error as Error)?.stack ?? error) + '\n')
    process.exitCode = 2
  }
)
