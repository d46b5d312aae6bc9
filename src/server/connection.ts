/**
 * The language server's protocol side, on vscode-languageserver directly:
 * per-document debounce, results published only for the version they were
 * computed on and in order, code actions from the published diagnostics,
 * configuration errors shown (once per distinct error) without stopping.
 *
 * Why not unified-language-server 4.1.0: with 200+ findings it publishes
 * nothing (unified-engine waits on an error stream nobody reads), it has no
 * debounce, publishes out of order, ignores Neovim 0.7's settings shape and
 * always advertises formatting.
 */
import {fileURLToPath} from 'node:url'
import {
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult
} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {formatProblem, isConfigError, type MtlintConfigError} from '../errors.js'
import {addWordCommand, codeActionsFor, rangesMeet} from './diagnostics.js'
import {LintSession} from './session.js'

/** Per-document scheduling state. */
interface DocumentState {
  /** The pending debounce timer. */
  timer?: ReturnType<typeof setTimeout> | undefined
  /** Lints of this document run one after another, so results publish in order. */
  chain: Promise<void>
  /** The diagnostics last published, for code actions. */
  published: Diagnostic[]
  /** The version the document was opened with. */
  openedVersion?: number | undefined
}

/** Options of `startServer`. */
export interface ServerStartOptions {
  /** Called after each publish (tests and benchmarks). */
  onPublish?: ((uri: string, version: number, diagnostics: Diagnostic[]) => void) | undefined
}

/** Files whose change may change a document's configuration. */
const watchedGlobs = ['**/.mtlintrc*', '**/package.json', '**/.mtlintignore', '**/.mtlint-words', '**/*.{yml,yaml,csv,tsv,tbx,txt}']

/** Serve mtlint on a connection (stdio, IPC or a stream pair). */
export function startServer(connection: Connection, options: ServerStartOptions = {}): void {
  const documents = new TextDocuments(TextDocument)
  const states = new Map<string, DocumentState>()
  let session = new LintSession()
  let canRegisterWatchers = false
  // The last configuration error shown, so a broken file is reported once, not on every keystroke.
  let shownError: string | undefined

  const stateOf = (uri: string): DocumentState => {
    let state = states.get(uri)
    if (!state) states.set(uri, (state = {chain: Promise.resolve(), published: []}))
    return state
  }

  const showConfigError = (error: MtlintConfigError) => {
    const text = 'mtlint: ' + error.problems.map(formatProblem).join('\n')
    if (text === shownError) return
    shownError = text
    void connection.sendNotification(ShowMessageNotification.type, {type: MessageType.Error, message: text})
  }

  const lintNow = (uri: string): void => {
    const state = stateOf(uri)
    state.chain = state.chain.then(async () => {
      const document = documents.get(uri)
      if (!document) return
      const version = document.version
      let result
      try {
        result = await session.lint({uri, text: document.getText(), languageId: document.languageId})
      } catch (error) {
        connection.console.error('mtlint: ' + String((error as Error).stack ?? error))
        return
      }
      // A newer version is waiting for its own run: drop this stale result.
      const current = documents.get(uri)
      if (!current || current.version !== version) return
      if (result.error) showConfigError(result.error)
      else shownError = undefined
      state.published = result.diagnostics
      await connection.sendDiagnostics({uri, version, diagnostics: result.diagnostics})
      options.onPublish?.(uri, version, result.diagnostics)
    })
  }

  const schedule = (uri: string, delay: number): void => {
    const state = stateOf(uri)
    clearTimeout(state.timer)
    state.timer = delay > 0 ? setTimeout(() => lintNow(uri), delay) : undefined
    if (delay <= 0) lintNow(uri)
  }

  const relintAll = (): void => {
    for (const document of documents.all()) schedule(document.uri, 0)
  }

  const takeSettings = (value: unknown): void => {
    try {
      session.setClientSettings(value)
    } catch (error) {
      if (isConfigError(error)) showConfigError(error)
      else throw error
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri
    const root = folder && folder.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? undefined)
    session = new LintSession({root: root ?? undefined})
    if (params.initializationOptions !== undefined && params.initializationOptions !== null) takeSettings(params.initializationOptions)
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: {codeActionKinds: ['quickfix']},
        executeCommandProvider: {commands: [addWordCommand]}
      },
      serverInfo: {name: 'mtlint-language-server'}
    }
  })

  connection.onInitialized(() => {
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: watchedGlobs.map((globPattern) => ({globPattern}))
      })
    }
  })

  connection.onDidChangeConfiguration((params) => {
    takeSettings(params.settings)
    relintAll()
  })

  connection.onDidChangeWatchedFiles(() => {
    session.invalidate()
    relintAll()
  })

  documents.onDidOpen((event) => {
    stateOf(event.document.uri).openedVersion = event.document.version
    schedule(event.document.uri, 0)
  })
  documents.onDidChangeContent((event) => {
    // Opening also fires a content change; the open handler lints at once.
    if (event.document.version === states.get(event.document.uri)?.openedVersion) return
    schedule(event.document.uri, session.debounce)
  })
  documents.onDidClose((event) => {
    const state = states.get(event.document.uri)
    clearTimeout(state?.timer)
    states.delete(event.document.uri)
    void connection.sendDiagnostics({uri: event.document.uri, diagnostics: []})
  })

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri)
    if (!document) return []
    if (params.context.only && !params.context.only.some((d) => d === 'quickfix' || d.startsWith('quickfix.'))) return []
    // Use the diagnostics the server published (clients may not echo `data`).
    const published = states.get(params.textDocument.uri)?.published ?? []
    const diagnostics = published.filter((d) => rangesMeet(d.range, params.range))
    return codeActionsFor(diagnostics, {
      uri: params.textDocument.uri,
      text: document.getText(),
      canAddWords: params.textDocument.uri.startsWith('file:'),
      type: session.documentType(params.textDocument.uri, document.languageId)
    })
  })

  connection.onExecuteCommand(async (params) => {
    if (params.command !== addWordCommand) return null
    const [uri, word] = params.arguments ?? []
    if (typeof uri !== 'string' || typeof word !== 'string' || word.trim() === '') return null
    try {
      const written = await session.addWord(uri, word.trim())
      relintAll()
      return written
    } catch (error) {
      if (isConfigError(error)) {
        showConfigError(error)
        return null
      }
      throw error
    }
  })

  documents.listen(connection)
  connection.listen()
}
