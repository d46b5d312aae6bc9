/**
 * A real LSP client for the language server tests: the built server
 * (`dist/server/server.js --stdio`) as a child process, spoken to with
 * vscode-jsonrpc / vscode-languageserver-protocol.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection} from 'vscode-jsonrpc/node.js'
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  FileChangeType,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  ExitNotification,
  type CodeAction,
  type Diagnostic,
  type Range,
  type ShowMessageParams,
  type TextEdit
} from 'vscode-languageserver-protocol'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {root} from './helpers.js'

/** The built server. */
export const serverPath = path.join(root, 'dist', 'server', 'server.js')

/** One publishDiagnostics notification. */
export interface Published {
  uri: string
  version: number | undefined
  diagnostics: Diagnostic[]
}

/** A started client. */
export interface Client {
  connection: MessageConnection
  child: ChildProcess
  published: Published[]
  shown: ShowMessageParams[]
  /** Wait until a condition on what arrived holds. */
  until<T>(test: () => T | undefined | false, timeout?: number): Promise<T>
  open(uri: string, text: string, languageId?: string): Promise<void>
  change(uri: string, version: number, text: string): Promise<void>
  codeActions(uri: string, range: Range, diagnostics?: Diagnostic[]): Promise<CodeAction[]>
  execute(command: string, args: unknown[]): Promise<unknown>
  configure(settings: unknown): Promise<void>
  filesChanged(uris: string[]): Promise<void>
  /** The latest publish for a document. */
  latest(uri: string): Published | undefined
  stop(): Promise<void>
}

/** Start the server in a folder and initialize it. */
export async function startClient(options: {root: string; initializationOptions?: unknown; watchFiles?: boolean}): Promise<Client> {
  if (!existsSync(serverPath)) throw new Error(`missing ${serverPath}: run \`npm run build\` first`)
  const child = spawn(process.execPath, [serverPath, '--stdio'], {cwd: options.root, stdio: ['pipe', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += String(d)))
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
  const published: Published[] = []
  const shown: ShowMessageParams[] = []
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push({uri: params.uri, version: params.version, diagnostics: params.diagnostics})
  })
  connection.onNotification(ShowMessageNotification.type, (params) => shown.push(params))
  // The server registers file watchers when the client says it can.
  connection.onRequest('client/registerCapability', () => null)
  connection.onNotification('window/logMessage', () => undefined)
  connection.listen()

  // A server that fails to start must fail the test with its stderr, not hang it.
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before answering: ${stderr}`)))
  })
  exited.catch(() => undefined)
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('server did not answer initialize in 20 s: ' + stderr)), 20_000).unref())
  timeout.catch(() => undefined)
  await Promise.race([exited, timeout, connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(options.root).href,
    workspaceFolders: [{uri: pathToFileURL(options.root).href, name: 'test'}],
    capabilities: {workspace: {didChangeWatchedFiles: {dynamicRegistration: options.watchFiles ?? true}}},
    initializationOptions: options.initializationOptions ?? null
  })])
  await connection.sendNotification(InitializedNotification.type, {})

  const client: Client = {
    connection,
    child,
    published,
    shown,
    async until(test, timeout = 20_000) {
      const start = Date.now()
      while (true) {
        const value = test()
        if (value) return value
        if (child.exitCode !== null) throw new Error('server exited (' + child.exitCode + '): ' + stderr)
        if (Date.now() - start > timeout) throw new Error('timed out waiting; published: ' + JSON.stringify(published.map((d) => [d.version, d.diagnostics.length])) + ' shown: ' + JSON.stringify(shown) + ' stderr: ' + stderr)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    async open(uri, text, languageId = 'markdown') {
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId, version: 1, text}})
    },
    async change(uri, version, text) {
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {textDocument: {uri, version}, contentChanges: [{text}]})
    },
    async codeActions(uri, range, diagnostics = []) {
      const result = await connection.sendRequest(CodeActionRequest.type, {textDocument: {uri}, range, context: {diagnostics}})
      return (result ?? []).filter((d): d is CodeAction => 'title' in d && !('command' in d && typeof d.command === 'string'))
    },
    async execute(command, args) {
      return connection.sendRequest(ExecuteCommandRequest.type, {command, arguments: args})
    },
    async configure(settings) {
      await connection.sendNotification(DidChangeConfigurationNotification.type, {settings})
    },
    async filesChanged(uris) {
      await connection.sendNotification(DidChangeWatchedFilesNotification.type, {changes: uris.map((uri) => ({uri, type: FileChangeType.Changed}))})
    },
    latest(uri) {
      return published.filter((d) => d.uri === uri).at(-1)
    },
    async stop() {
      if (child.exitCode === null) {
        try {
          await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))])
          await connection.sendNotification(ExitNotification.type)
        } catch {
          // Already gone.
        }
        await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 2000))])
        if (child.exitCode === null) child.kill()
      }
      connection.dispose()
    }
  }
  return client
}

/** Apply a code action's edits for one document to its text. */
export function applyEdits(text: string, uri: string, edits: TextEdit[] | undefined): string {
  const document = TextDocument.create(uri, 'markdown', 0, text)
  return TextDocument.applyEdits(document, edits ?? [])
}
