// The console's page files, which wrangler.toml's [[rules]] bundle into the Worker as text.
declare module "*.html" {
  const text: string;
  export default text;
}
declare module "*.css" {
  const text: string;
  export default text;
}
