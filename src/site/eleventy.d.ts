// The part of Eleventy 3's API this adapter uses; Eleventy ships no TypeScript declarations.
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    quietMode?: boolean;
    /** false: read no configuration file (the `config` callback configures Eleventy). */
    configPath?: string | false;
    loader?: "esm" | "cjs" | "auto";
    runMode?: "build" | "serve" | "watch";
    config?: (eleventyConfig: import("./eleventy-config.ts").EleventyConfig) => void | Promise<void>;
  }
  export interface WriteResult {
    inputPath: string;
    outputPath: string | false;
    url: string | false;
    content: string;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<WriteResult[]>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
    disableLogger(): void;
    /** Reads the configuration (toJSON and write do, when it was not done before). */
    init(): Promise<void>;
    /**
     * The configuration after init: build.ts checks whether transforms change pages after their templates,
     * and which data keys give a layout and computed data.
     */
    config?: { transforms?: Record<string, unknown>; keys?: { layout?: string; computed?: string } };
    /** Eleventy's configuration after init: build.ts checks that no passthrough copy was registered, and what changes pages. */
    eleventyConfig?: {
      userConfig?: {
        passthroughCopies?: Record<string, unknown>;
        /** Bundles set up with addBundle (Eleventy's bundle plugin). */
        getBundleManagers?: () => Record<string, unknown>;
        /** The HTML transformer: its callbacks by file extension, and the plugins at work for one. */
        htmlTransformer?: { callbacks?: Record<string, unknown[]>; getPlugins?: (extension: string) => unknown[] };
      };
    };
  }
  export default Eleventy;
}
