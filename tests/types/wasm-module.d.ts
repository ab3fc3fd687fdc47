// What a `.wasm` import is in workerd and bundlers that keep it as a compiled module (the package's
// workerd entries import their module this way).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
