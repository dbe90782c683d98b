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
    /** Eleventy's configuration after init; build.ts checks that no passthrough copy was registered. */
    eleventyConfig?: { userConfig?: { passthroughCopies?: Record<string, unknown> } };
  }
  export default Eleventy;
}
