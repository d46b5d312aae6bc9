/**
 * A Web Worker running the browser linter, so linting never blocks typing.
 * Messages in: `{kind: 'configure', options, packUrl?}` then
 * `{kind: 'lint', id, text, type?}`; out: `{kind: 'result', id, findings}`
 * or `{kind: 'error', id, message}`. Bundle it (esbuild) with the core; the
 * pack is posted in `options.pack` or fetched from `packUrl`.
 */
import {createLinter, type BrowserFinding, type BrowserLinter, type BrowserLinterOptions, type DocumentType} from './browser.js'

/** A request to the worker. */
export type WorkerRequest =
  | {kind: 'configure'; options: Omit<BrowserLinterOptions, 'pack'> & {pack?: BrowserLinterOptions['pack']}; packUrl?: string}
  | {kind: 'lint'; id: number; text: string; type?: DocumentType}

/** A reply from the worker. */
export type WorkerReply = {kind: 'result'; id: number; findings: BrowserFinding[]} | {kind: 'error'; id: number; message: string}

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerReply): void
}

const scope = globalThis as unknown as WorkerScope
let linter: Promise<BrowserLinter> | undefined

scope.onmessage = (event) => {
  const request = event.data
  if (request.kind === 'configure') {
    const {options, packUrl} = request
    linter = (async () => {
      const pack = options.pack ?? (packUrl ? ((await (await fetch(packUrl)).json()) as BrowserLinterOptions['pack']) : undefined)
      if (!pack) throw new Error('mtlint worker: configure needs `options.pack` or `packUrl`')
      return createLinter({...options, pack})
    })()
    return
  }
  const id = request.id
  if (!linter) {
    scope.postMessage({kind: 'error', id, message: 'mtlint worker: not configured'})
    return
  }
  linter
    .then((current) => current.lint(request.text, {type: request.type}))
    .then(
      (findings) => scope.postMessage({kind: 'result', id, findings}),
      (error: unknown) => scope.postMessage({kind: 'error', id, message: String((error as Error)?.message ?? error)})
    )
}
