// Reader conveniences: 字号 大/中/小 and 长者模式 (remembered in localStorage), 打印, 复制网址.
// Pages are complete without this file: its controls are rendered `hidden` and revealed here.
// It is loaded in <head> without defer so remembered choices are applied before the first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "newsdesk.fontSize";
  var ELDER_KEY = "newsdesk.elder";

  var memory = {}; // where storage is refused (some private modes) a choice lasts for this page

  function read(key) {
    if (key in memory) return memory[key];
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    memory[key] = value;
    try { localStorage.setItem(key, value); } catch (e) { /* kept in memory */ }
  }
  function size() {
    var s = read(SIZE_KEY);
    return s === "large" || s === "small" ? s : "medium";
  }
  function elder() {
    return read(ELDER_KEY) === "on";
  }

  function apply() {
    root.classList.toggle("font-large", size() === "large");
    root.classList.toggle("font-small", size() === "small");
    root.classList.toggle("elder", elder());
    var buttons = document.querySelectorAll("[data-font-size]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-font-size") === size()));
    }
    var toggle = document.querySelector("[data-elder]");
    if (toggle) toggle.setAttribute("aria-pressed", String(elder()));
  }

  apply();
  window.addEventListener("storage", function () { memory = {}; apply(); }); // another tab changed a choice

  document.addEventListener("DOMContentLoaded", function () {
    var hidden = document.querySelectorAll("[data-js][hidden]");
    for (var i = 0; i < hidden.length; i++) {
      if (hidden[i].querySelector("[data-copy]") && !(navigator.clipboard && navigator.clipboard.writeText)) continue;
      hidden[i].hidden = false;
    }
    apply();
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-font-size")) {
        write(SIZE_KEY, button.getAttribute("data-font-size"));
      } else if (button.hasAttribute("data-elder")) {
        write(ELDER_KEY, elder() ? "off" : "on");
      } else if (button.hasAttribute("data-print")) {
        window.print();
        return;
      } else if (button.hasAttribute("data-copy")) {
        var status = button.parentNode.querySelector(".copy-status");
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(
          function () { status.textContent = "已复制"; },
          function () { status.textContent = "复制失败，请长按网址复制"; }
        );
        return;
      } else {
        return;
      }
      apply();
    });
  });
})();
