/**
 * Comment markers: `<!--mtlint disable id-->`, `<!--mtlint enable id-->`,
 * `<!--mtlint ignore id-->` (the collective's convention, through
 * unified-message-control). Works on Markdown and HTML comments and on such
 * comments written in plain text.
 *
 * A marker may name a rule (`quote-inversion`), a glossary entry
 * (`putin-poutine`) or a glossary family (`names`, or `glossary` for all
 * entries): families are expanded to their entries' ids.
 */
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import {commentMarker, type Marker} from 'mdast-comment-marker'
import {messageControl} from 'unified-message-control'
import type {Glossary} from './glossary/compile.js'

/** Options of the message-control stage. */
export interface ControlOptions {
  /** The glossary, to expand family names into entry ids. */
  glossary?: Glossary | undefined
}

/** Build the transformer that applies comment markers to a file's messages. */
export function mtlintMessageControl(options?: ControlOptions | undefined) {
  const groups = new Map<string, string[]>()
  for (const entry of options?.glossary?.entries ?? []) {
    for (const group of ['glossary', entry.family]) {
      let list = groups.get(group)
      if (!list) groups.set(group, (list = []))
      list.push(entry.id)
    }
  }

  return function (_tree: Node, file: VFile): undefined {
    const data = file.data.mtlint
    // Every marker names `mtlint`: a document without the word has none.
    if (!data || file.messages.length === 0 || !String(file.value ?? '').includes('mtlint')) return
    messageControl(data.sourceTree, {
      file,
      name: 'mtlint',
      source: 'mtlint',
      test: (node: Node) => node.type === 'html' || node.type === 'comment',
      marker(node: Node): Marker | null {
        const value = (node as Node & {value?: string}).value ?? ''
        const html = node.type === 'comment' ? '<!--' + value + '-->' : value
        const marker = commentMarker({type: 'html', value: html} as never)
        if (!marker || marker.name !== 'mtlint') return marker ?? null
        const words = marker.attributes.trim().split(/\s+/)
        const expanded = [words[0] ?? '', ...words.slice(1).flatMap((d) => groups.get(d) ?? [d])].join(' ')
        return {...marker, attributes: expanded}
      }
    } as never)
  }
}
