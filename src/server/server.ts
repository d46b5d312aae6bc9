#!/usr/bin/env node
/**
 * `mtlint-language-server`: the language server over stdio (`--stdio`, the
 * default), IPC (`--node-ipc`) or a socket (`--socket=<port>`), as
 * vscode-languageserver reads them from the command line.
 */
import process from 'node:process'
import {createConnection, ProposedFeatures} from 'vscode-languageserver/node.js'
import {startServer} from './connection.js'

// With no transport flag vscode-languageserver refuses to start; stdio is what editors expect.
if (!process.argv.some((d) => d === '--stdio' || d === '--node-ipc' || d.startsWith('--socket') || d.startsWith('--pipe'))) {
  process.argv.push('--stdio')
}

startServer(createConnection(ProposedFeatures.all))
