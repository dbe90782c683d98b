// What the publishing generators produce: files at site paths, written by the site adapter.

export interface OutputFile {
  /** Site path of the file: "/feed.xml", "/districts/changan/rss.xml". */
  path: string;
  contents: string;
}
