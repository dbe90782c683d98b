// The Eleventy configuration API as this adapter uses it (Eleventy 3's UserConfig, typed by hand).

export interface VirtualTemplate<Data> {
  data: Record<string, unknown> | (() => Record<string, unknown>);
  render: (data: Data) => string | Promise<string>;
}

export interface EleventyConfig {
  addTemplate<Data>(virtualPath: string, template: VirtualTemplate<Data>, data?: Record<string, unknown>): void;
  addPlugin(plugin: (config: EleventyConfig) => void | Promise<void>): void;
  addGlobalData(name: string, value: unknown): void;
  setTemplateFormats(formats: string | string[]): void;
  /** Eleventy's step timings; their console warnings are turned off by build.ts. */
  benchmarkManager?: {
    setVerboseOutput(verbose: boolean): void;
    getAll(): Record<string, { setIsVerbose(verbose: boolean): void }>;
  };
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string): void;
  setServerOptions(options: Record<string, unknown>): void;
  on(event: string, callback: (...args: never[]) => unknown): void;
}
