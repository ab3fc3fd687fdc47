// What the Worker's `import script from "./page/console.js"` gives: the file's text (wrangler.toml's
// [[rules]] bundle it as text), so the Worker's type check does not read the browser script as a module.
declare const text: string;
export default text;
