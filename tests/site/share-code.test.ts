// Share codes made on worker threads are byte for byte the ones made on the calling thread.
import { afterEach, describe, expect, it } from "vitest";
import { makeShareCode, prefetchShareCodes, renderShareCode, shareCodesMadeByWorkers, startShareCodeWorkers, stopShareCodeWorkers } from "../../src/site/share-code.ts";

const urls = Array.from({ length: 250 }, (_, i) => `https://www.bmy-online.example.cn/news/2026/10/article-${i}/`);

afterEach(() => stopShareCodeWorkers());

describe("share codes on worker threads", () => {
  it("equal the codes made here, whether asked ahead or on the spot", async () => {
    startShareCodeWorkers(2);
    prefetchShareCodes(urls.slice(0, 200));
    const before = shareCodesMadeByWorkers();
    const fromWorkers = await Promise.all(urls.map((url) => renderShareCode(url)));
    expect(shareCodesMadeByWorkers() - before).toBe(urls.length);
    const here = await Promise.all(urls.map((url) => makeShareCode(url)));
    expect(fromWorkers).toEqual(here);
    expect(here[0]).toMatch(/^<svg class="qr-code" role="img" aria-label="本页二维码" /);
    expect(new Set(here).size).toBe(urls.length);
  });
});
