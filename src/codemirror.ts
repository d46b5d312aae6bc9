/**
 * A CodeMirror 6 lint source for web CMSs: mtlint runs in a Web Worker
 * (`browser-worker.ts`, bundled) so typing never waits for it; findings
 * become `@codemirror/lint` diagnostics with the note, a link to the rule,
 * one action per `expected` replacement and "Ignore here" (the comment
 * marker before the paragraph). CodeMirror drops results computed for a
 * document that has since changed.
 */
import {linter, type Action, type Diagnostic} from '@codemirror/lint'
import type {Extension} from '@codemirror/state'
import type {EditorView} from '@codemirror/view'
import type {BrowserFinding, BrowserLinterOptions, DocumentType} from './browser.js'
import type {WorkerReply, WorkerRequest} from './browser-worker.js'

/** Options of the CodeMirror lint source. */
export interface MtlintLinterOptions {
  /** The worker running `browser-worker.js` (module worker). */
  worker: Worker
  /** URL of the pack JSON the worker fetches (or give `options.pack`). */
  packUrl?: string | undefined
  /** Linter options (rules, entries, words; `pack` when no `packUrl`). */
  options?: (Omit<BrowserLinterOptions, 'pack'> & {pack?: BrowserLinterOptions['pack']}) | undefined
  /** Document type (default: markdown). */
  type?: DocumentType | undefined
  /** Milliseconds after the last change before linting (default: 250). */
  delay?: number | undefined
}

/** Talks to the worker with at most one request in flight: newer text replaces text still waiting. */
class WorkerClient {
  private id = 0
  private readonly waiting = new Map<number, (findings: BrowserFinding[] | undefined) => void>()
  private busy = false
  private next: {text: string; resolve: (findings: BrowserFinding[] | undefined) => void} | undefined

  constructor(
    private readonly worker: Worker,
    private readonly type: DocumentType
  ) {
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      const resolve = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      if (reply.kind === 'error') console.error('mtlint: ' + reply.message)
      resolve?.(reply.kind === 'result' ? reply.findings : undefined)
      this.busy = false
      this.flush()
    })
  }

  post(request: WorkerRequest): void {
    this.worker.postMessage(request)
  }

  lint(text: string): Promise<BrowserFinding[] | undefined> {
    return new Promise((resolve) => {
      // Text that never reached the worker is stale now.
      this.next?.resolve(undefined)
      this.next = {text, resolve}
      this.flush()
    })
  }

  private flush(): void {
    if (this.busy || !this.next) return
    const {text, resolve} = this.next
    this.next = undefined
    this.busy = true
    const id = ++this.id
    this.waiting.set(id, resolve)
    this.post({kind: 'lint', id, text, type: this.type})
  }
}

/** The mtlint lint source as a CodeMirror extension. */
export function mtlintLinter(settings: MtlintLinterOptions): Extension {
  const client = new WorkerClient(settings.worker, settings.type ?? 'markdown')
  const configure: WorkerRequest = {kind: 'configure', options: settings.options ?? {}}
  if (settings.packUrl) configure.packUrl = settings.packUrl
  client.post(configure)
  return linter(
    async (view) => {
      const text = view.state.doc.toString()
      const findings = await client.lint(text)
      if (!findings) return []
      const length = view.state.doc.length
      return findings.map((finding) => toDiagnostic(finding, Math.min(finding.from, length), Math.min(finding.to, length), settings.type ?? 'markdown'))
    },
    {delay: settings.delay ?? 250}
  )
}

/** A finding as a CodeMirror diagnostic. */
export function toDiagnostic(finding: BrowserFinding, from: number, to: number, type: DocumentType = 'markdown'): Diagnostic {
  const actions: Action[] = finding.expected.map((replacement) => ({
    name: replacement === '' ? 'Remove' : replacement,
    apply(view: EditorView, start: number, end: number) {
      view.dispatch({changes: {from: start, to: end, insert: replacement}})
    }
  }))
  actions.push({
    name: 'Ignore here',
    apply(view: EditorView, start: number) {
      const doc = view.state.doc
      let line = doc.lineAt(start)
      while (line.number > 1 && doc.line(line.number - 1).text.trim() !== '') line = doc.line(line.number - 1)
      // As the language server does: a blank line after the marker in
      // Markdown, none in text, right before the first tag in HTML.
      const marker = `<!--mtlint ignore ${finding.ruleId}-->`
      const at = type === 'html' ? line.from + (/^\s*/.exec(line.text)?.[0].length ?? 0) : line.from
      view.dispatch({changes: {from: at, insert: type === 'html' ? marker : type === 'text' ? marker + '\n' : marker + '\n\n'}})
    }
  })
  return {
    from,
    to,
    severity: finding.severity,
    source: 'mtlint · ' + finding.ruleId,
    message: finding.note ? finding.reason + ' ' + finding.note : finding.reason,
    renderMessage() {
      const box = document.createElement('div')
      box.className = 'mtlint-message'
      const reason = box.appendChild(document.createElement('div'))
      reason.className = 'mtlint-reason'
      inline(reason, finding.reason)
      if (finding.note) {
        const note = box.appendChild(document.createElement('div'))
        note.className = 'mtlint-note'
        inline(note, finding.note)
      }
      if (finding.url) {
        const link = box.appendChild(document.createElement('a'))
        link.className = 'mtlint-rule'
        link.href = finding.url
        link.target = '_blank'
        link.rel = 'noreferrer'
        link.textContent = finding.ruleId
      }
      return box
    },
    actions
  }
}

/** Render a reason or note: `code` for quoted words, *emphasis* for source-language terms. */
function inline(parent: HTMLElement, text: string): void {
  for (const part of text.split(/(`[^`]+`|\*[^*\s][^*]*\*)/)) {
    if (part === '') continue
    const quoted = part.length > 2 && (part[0] === '`' || part[0] === '*') && part.at(-1) === part[0]
    const element = document.createElement(quoted ? (part[0] === '`' ? 'code' : 'em') : 'span')
    element.textContent = quoted ? part.slice(1, -1) : part
    parent.appendChild(element)
  }
}
