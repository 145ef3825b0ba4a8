// Types for the part of the WebAssembly JS API (webassembly.github.io/spec/js-api) that node/core.ts
// and the tests use. Read by `make check` only: TypeScript ships these types in lib.dom alone, which
// must not be mixed with @types/node (it would also admit browser globals such as `name`).

declare namespace WebAssembly {
  type ImportExportKind = "function" | "table" | "memory" | "global" | "tag";
  interface ModuleExportDescriptor { name: string; kind: ImportExportKind }
  interface ModuleImportDescriptor { module: string; name: string; kind: ImportExportKind }
  type ExportValue = unknown;
  type Exports = Record<string, ExportValue>;
  type ImportValue = unknown;
  type Imports = Record<string, Record<string, ImportValue>>;

  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  // Opaque in the JS API: a compiled module has no members of its own.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Module {}
  const Module: {
    prototype: Module;
    new (bytes: ArrayBufferView | ArrayBuffer): Module;
    exports(module: Module): ModuleExportDescriptor[];
    imports(module: Module): ModuleImportDescriptor[];
  };
  interface Instance { readonly exports: Exports }
  const Instance: {
    prototype: Instance;
    new (module: Module, imports?: Imports): Instance;
  };
  interface WebAssemblyInstantiatedSource { module: Module; instance: Instance }

  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  function instantiate(bytes: ArrayBufferView | ArrayBuffer, imports?: Imports): Promise<WebAssemblyInstantiatedSource>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
