/** esbuild loads `.md` files as text for the demo's sample article. */
declare module '*.md' {
  const text: string
  export default text
}
