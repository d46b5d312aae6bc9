/**
 * The language server's latency: the built server as a child process over
 * stdio with the debounce set to 0 (so the debounce is excluded), a
 * 2,000-word article opened, then one-word edits (the editor benchmark's),
 * each timed from sending `textDocument/didChange` to receiving the
 * `publishDiagnostics` for that version. Also, in the same run, what the
 * server calls on each change (`LintSession.lint`) in process, to show the
 * protocol's share.
 *
 * Run alone: `tsx bench/server.ts [--quick]`.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {createMessageConnection, StreamMessageReader, StreamMessageWriter} from 'vscode-jsonrpc/node.js'
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest
} from 'vscode-languageserver-protocol'
import {createLintSession} from '../src/server/index.js'
import {edits} from './editor.js'
import {median, percentile, type Row} from './util.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Measure the server. */
export async function serverLatency(options: {edits?: number; words?: number; quick?: boolean} = {}): Promise<Row[]> {
  const count = options.edits ?? (options.quick ? 20 : 50)
  const warmup = 5
  const docs = edits(options.words ?? 2000, count + warmup)
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mtlint-bench-server-'))
  const uri = pathToFileURL(path.join(folder, 'article.md')).href
  try {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'server.js'), '--stdio'], {cwd: folder, stdio: ['pipe', 'pipe', 'inherit']})
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
    const waiting = new Map<number, (count: number) => void>()
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.version !== undefined) waiting.get(params.version)?.(params.diagnostics.length)
    })
    connection.listen()
    const published = (version: number) => new Promise<number>((resolve) => waiting.set(version, resolve))

    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      capabilities: {},
      initializationOptions: {mtlint: {debounce: 0}}
    })
    await connection.sendNotification(InitializedNotification.type, {})
    let first = published(1)
    const openStart = performance.now()
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId: 'markdown', version: 1, text: docs[0]!}})
    const findings = await first
    const open = performance.now() - openStart

    const times: number[] = []
    for (const [index, text] of docs.slice(1).entries()) {
      const version = index + 2
      first = published(version)
      const start = performance.now()
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {textDocument: {uri, version}, contentChanges: [{text}]})
      await first
      if (index >= warmup) times.push(performance.now() - start)
    }
    await connection.sendRequest(ShutdownRequest.type)
    await connection.sendNotification(ExitNotification.type)
    connection.dispose()

    // The same edits through the session the server drives, in process.
    const session = createLintSession({root: folder, settings: {debounce: 0}})
    await session.lint({uri, text: docs[0]!})
    const direct: number[] = []
    for (const [index, text] of docs.slice(1).entries()) {
      const start = performance.now()
      await session.lint({uri, text})
      if (index >= warmup) direct.push(performance.now() - start)
    }

    return [
      {
        name: `didChange → publishDiagnostics, 2,000 words, stdio (${count} one-word edits, debounce excluded)`,
        median: median(times),
        p95: percentile(times, 95),
        extra: `${findings} diagnostics; first publish after didOpen ${open.toFixed(0)} ms (cold)`
      },
      {name: `LintSession.lint in process (same edits)`, median: median(direct), p95: percentile(direct, 95)}
    ]
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}

export default serverLatency

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await serverLatency({quick: process.argv.includes('--quick')})
  for (const row of rows) console.log(`${row.name}: median ${row.median.toFixed(2)} ms, p95 ${row.p95?.toFixed(2)} ms${row.extra ? ' — ' + row.extra : ''}`)
}
