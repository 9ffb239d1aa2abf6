// sql.js's build with the WebAssembly inlined: the same API as 'sql.js', and no .wasm file to find
// beside the bundle (the extension and the CLI are single files).
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import initSqlJs from 'sql.js';
  export = initSqlJs;
}
