/**
 * The VS Code extension: starts mtlint-language-server for Markdown, HTML
 * and plain-text documents and passes the `mtlint.*` settings. It runs the
 * project's own mtlint (node_modules/mtlint), so the editor uses the same
 * version, packs and `.mtlintrc` as the project's CLI and CI.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {window, workspace, type ExtensionContext} from 'vscode'
import {LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions} from 'vscode-languageclient/node'

let client: LanguageClient | undefined

/** The server module: the setting, else mtlint installed in (or above) a workspace folder. */
function findServer(): string | undefined {
  const configured = workspace.getConfiguration('mtlint').get<string>('serverPath')
  if (configured) return configured
  for (const folder of workspace.workspaceFolders ?? []) {
    let current = folder.uri.fsPath
    while (true) {
      const candidate = path.join(current, 'node_modules', 'mtlint', 'dist', 'server', 'server.js')
      if (existsSync(candidate)) return candidate
      // mtlint's own repository.
      const own = path.join(current, 'dist', 'server', 'server.js')
      if (existsSync(own) && existsSync(path.join(current, 'rules'))) return own
      const parent = path.dirname(current)
      if (parent === current) break
      current = parent
    }
  }
  return undefined
}

/** Start the client. */
export async function activate(context: ExtensionContext): Promise<void> {
  if (!workspace.getConfiguration('mtlint').get<boolean>('enable', true)) return
  const module = findServer()
  if (!module) {
    void window.showWarningMessage('mtlint: install mtlint in this workspace (`npm install --save-dev mtlint`) or set `mtlint.serverPath`.')
    return
  }
  // Both run the server as a Node child over IPC.
  const serverOptions: ServerOptions = {
    run: {module, transport: TransportKind.ipc},
    debug: {module, transport: TransportKind.ipc, options: {execArgv: ['--inspect=6019']}}
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      {scheme: 'file', language: 'markdown'},
      {scheme: 'file', language: 'html'},
      {scheme: 'file', language: 'plaintext'},
      {scheme: 'untitled', language: 'markdown'}
    ],
    // Sent flat-under-`mtlint` at start and as {settings: {mtlint}} on change.
    initializationOptions: {mtlint: workspace.getConfiguration('mtlint')},
    synchronize: {
      configurationSection: 'mtlint',
      fileEvents: workspace.createFileSystemWatcher('**/{.mtlintrc*,.mtlintignore,.mtlint-words,package.json,*.yml,*.yaml,*.csv,*.tsv}')
    }
  }
  client = new LanguageClient('mtlint', 'mtlint', serverOptions, clientOptions)
  context.subscriptions.push({dispose: () => void client?.stop()})
  await client.start()
}

/** Stop the client. */
export async function deactivate(): Promise<void> {
  await client?.stop()
}
