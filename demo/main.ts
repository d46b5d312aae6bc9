/**
 * The demo page: a CodeMirror editor with the mtlint lint source (linting in
 * a Web Worker) and a list of the findings with their notes and fixes.
 */
import {basicSetup, EditorView} from 'codemirror'
import {forEachDiagnostic, lintGutter, type Diagnostic} from '@codemirror/lint'
import {mtlintLinter} from '../src/codemirror.js'
import sample from './sample.md'

const worker = new Worker(new URL('./worker.js', import.meta.url), {type: 'module'})
const status = document.querySelector<HTMLElement>('#status')!
const list = document.querySelector<HTMLElement>('#findings')!

function render(view: EditorView): void {
  const found: Diagnostic[] = []
  forEachDiagnostic(view.state, (diagnostic, from, to) => found.push({...diagnostic, from, to}))
  status.textContent = found.length === 0 ? 'No findings.' : `${found.length} finding${found.length === 1 ? '' : 's'}`
  list.replaceChildren(
    ...found.map((diagnostic) => {
      const item = document.createElement('div')
      item.className = 'finding ' + diagnostic.severity
      const line = view.state.doc.lineAt(diagnostic.from)
      const where = item.appendChild(document.createElement('div'))
      where.className = 'where'
      where.textContent = `${line.number}:${diagnostic.from - line.from + 1} · ${diagnostic.source ?? ''}`
      const box = diagnostic.renderMessage?.(view)
      if (box instanceof HTMLElement) {
        box.querySelector('.mtlint-reason')?.classList.add('reason')
        box.querySelector('.mtlint-rule')?.remove()
        item.appendChild(box)
      } else item.appendChild(document.createTextNode(diagnostic.message))
      for (const action of diagnostic.actions ?? []) {
        const button = item.appendChild(document.createElement('button'))
        button.textContent = action.name
        if (action.name !== 'Ignore here') button.className = 'fix'
        button.addEventListener('click', () => action.apply(view, diagnostic.from, diagnostic.to))
      }
      item.addEventListener('mouseenter', () => view.dispatch({selection: {anchor: diagnostic.from, head: diagnostic.to}}))
      return item
    })
  )
}

const view = new EditorView({
  doc: sample,
  parent: document.querySelector('#editor')!,
  extensions: [
    basicSetup,
    EditorView.lineWrapping,
    lintGutter(),
    mtlintLinter({worker, packUrl: new URL('./fr-en.pack.json', import.meta.url).href, type: 'markdown', delay: 200}),
    EditorView.updateListener.of((update) => {
      if (update.transactions.some((d) => d.effects.length > 0) || update.docChanged) render(update.view)
    })
  ]
})

// The test reads the editor through this.
;(globalThis as {mtlintView?: EditorView}).mtlintView = view
