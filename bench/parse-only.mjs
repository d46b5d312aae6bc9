/**
 * The floor of mtlint's architecture: read every file of a folder and run
 * remark-parse → remark-retext (retext-english), no rules. Plain JS so it runs
 * under `node` exactly as `dist/bin.js` does.
 *
 * Usage: node bench/parse-only.mjs DIR
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {unified} from 'unified'
import {VFile} from 'vfile'
import remarkParse from 'remark-parse'
import remarkRetext from 'remark-retext'
import retextEnglish from 'retext-english'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: node bench/parse-only.mjs DIR')
  process.exit(2)
}
let files = 0
let words = 0
// The only "rule": count WordNodes, to prove the parse produced real nlcst.
const processor = unified()
  .use(remarkParse)
  .use(
    remarkRetext,
    unified()
      .use(retextEnglish)
      .use(() => (tree) => {
        words += countWords(tree)
      })
  )
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.md')) continue
  // The file carries the text: mdast-util-to-nlcst reads it (a bare
  // `run(tree)` would convert against an empty document).
  const file = new VFile({path: path.join(dir, name), value: readFileSync(path.join(dir, name), 'utf8')})
  await processor.run(processor.parse(file), file)
  files++
}
console.log(JSON.stringify({files, words}))

/** Count WordNodes (proves the parse really produced nlcst). */
function countWords(node) {
  if (node.type === 'WordNode') return 1
  let count = 0
  for (const child of node.children ?? []) count += countWords(child)
  return count
}
