// 站内搜索 on /search/: reads ?q=…&district=…&sort=… (what the header box and the form submit), queries the
// Pagefind index in /pagefind/ and lists the matching articles: title, date, district and an excerpt with
// the matched words marked. Results are built as DOM nodes; the excerpt keeps only text and <mark>.
const form = document.querySelector("[data-search-form]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE_SIZE = 10;

let pagefindPromise;
let generation = 0;
let pending = [];

function loadPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = import("/pagefind/pagefind.js").then(async (pagefind) => {
      await pagefind.options({ excerptLength: 40 });
      return pagefind;
    });
  }
  return pagefindPromise;
}

function readParams() {
  const params = new URLSearchParams(location.search);
  return {
    q: (params.get("q") || "").trim(),
    district: params.get("district") || "",
    sort: params.get("sort") === "date" ? "date" : "",
  };
}

function fillForm({ q, district, sort }) {
  form.elements.q.value = q;
  const select = form.elements.district;
  select.value = district;
  // A district the site does not have (an old link): fall back to all districts.
  if (select.value !== district) select.value = "";
  form.elements.sort.value = sort;
  const box = document.getElementById("site-search-q");
  if (box) box.value = q;
}

function paramsFromForm() {
  return {
    q: form.elements.q.value.trim(),
    district: form.elements.district.value,
    sort: form.elements.sort.value === "date" ? "date" : "",
  };
}

function urlFor({ q, district, sort }) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (district) params.set("district", district);
  if (sort) params.set("sort", sort);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

/** The excerpt as text nodes and <mark> elements only, whatever the string holds. */
function excerptNodes(excerpt) {
  // DOMParser documents are inert: nothing in them loads or runs.
  const parsed = new DOMParser().parseFromString(excerpt, "text/html").body;
  const out = [];
  for (const node of parsed.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.push(mark);
    } else {
      out.push(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function renderResult(data) {
  const item = element("li", "search-result");
  const heading = element("h2", "search-result-title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const meta = element("p", "search-result-meta");
  if (data.meta.date) meta.append(element("time", "", data.meta.date));
  const district = data.filters && data.filters.district && data.filters.district[0];
  if (district) meta.append(element("span", "search-result-district", district));
  item.append(heading, meta);
  if (data.excerpt) {
    const excerpt = element("p", "search-result-excerpt");
    excerpt.append(...excerptNodes(data.excerpt));
    item.append(excerpt);
  }
  return item;
}

async function showMore(run) {
  const batch = pending.splice(0, PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (run !== generation) return;
  list.append(...data.map(renderResult));
  more.hidden = pending.length === 0;
}

function describe({ q, district }, count) {
  const where = district ? `在${district}` : "";
  const what = q ? `与“${q}”相关的` : "";
  if (count === 0) {
    return `${where}没有找到${what}文章。${district ? "可以改选“全部区县”，或" : "可以"}换个关键词再试。`;
  }
  return `${where}找到 ${count} 篇${what}文章。`;
}

async function search(params) {
  const run = ++generation;
  list.replaceChildren();
  pending = [];
  more.hidden = true;
  if (!params.q && !params.district) {
    status.textContent = "请输入要搜索的关键词。";
    return;
  }
  status.textContent = "正在搜索……";
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch {
    pagefindPromise = undefined;
    if (run === generation) status.textContent = "搜索暂时不可用：本站还没有可搜索的文章索引。";
    return;
  }
  const options = {};
  if (params.district) options.filters = { district: params.district };
  if (params.sort === "date") options.sort = { date: "desc" };
  const response = await pagefind.search(params.q || null, options);
  if (run !== generation) return;
  pending = response.results.slice();
  const count = pending.length;
  await showMore(run);
  // Announced once the first results are on the page.
  if (run === generation) status.textContent = describe(params, count);
}

if (form && status && list && more) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = paramsFromForm();
    const url = urlFor(params);
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
    fillForm(params);
    search(params);
  });
  for (const name of ["district", "sort"]) {
    form.elements[name].addEventListener("change", () => form.requestSubmit());
  }
  more.addEventListener("click", () => showMore(generation));
  window.addEventListener("popstate", () => {
    const params = readParams();
    fillForm(params);
    search(params);
  });
  const initial = readParams();
  fillForm(initial);
  if (initial.q || initial.district) search(initial);
}
