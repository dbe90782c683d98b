// Reading built pages the way a reader sees them: list items, pager, breadcrumb, 全站热点 and 相关阅读.
import { parse, type HTMLElement } from "node-html-parser";
import { readOutput } from "./fixtures.ts";

export function readPage(root: string, urlPath: string): HTMLElement {
  return parse(readOutput(root, urlPath));
}

/** Each list item as "title | district | date | summary", with the title's link. */
export function listItems(page: HTMLElement): { text: string; href: string }[] {
  return page.querySelectorAll("main ol.article-list > li").map((li) => ({
    text: [
      li.querySelector(".item-title a")!.text,
      li.querySelector(".item-district")!.text,
      li.querySelector("time")!.text,
      li.querySelector(".item-summary")!.text,
    ].join(" | "),
    href: li.querySelector(".item-title a")!.getAttribute("href")!,
  }));
}

export const listTitles = (page: HTMLElement) => page.querySelectorAll("main ol.article-list > li .item-title a").map((a) => a.text);

/** The pager as "label→href" (no href: "label"), the current page marked with *. */
export function pagerLinks(page: HTMLElement): string[] {
  return page.querySelectorAll("nav.pager li").map((li) => {
    const a = li.querySelector("a");
    if (!a) return li.text;
    const mark = a.getAttribute("aria-current") === "page" ? "*" : "";
    return `${mark}${a.text}→${a.getAttribute("href")}`;
  });
}

/** The breadcrumb as "label→href", the current step as "label*". */
export function breadcrumb(page: HTMLElement): string[] {
  return page.querySelectorAll("nav.breadcrumb li").map((li) => {
    const a = li.querySelector("a");
    return a ? `${a.text}→${a.getAttribute("href")}` : `${li.text}${li.getAttribute("aria-current") === "page" ? "*" : ""}`;
  });
}

/** 全站热点 entries as "title | date | 阅读 n" (no count: "title | date"). */
export function hotEntries(page: HTMLElement): string[] {
  return page.querySelectorAll("aside.sidebar .hot-topics li").map((li) =>
    [li.querySelector("a")!.text, li.querySelector("time")!.text, li.querySelector(".views")?.text].filter(Boolean).join(" | "),
  );
}

export const relatedTitles = (page: HTMLElement) => page.querySelectorAll("section.related li a").map((a) => a.text);
