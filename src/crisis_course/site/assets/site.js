/* Course website: theme toggle, offline search, and the progress panel (export / reset). */
(function () {
  "use strict";
  var THEME_KEY = "crisis-course-theme";
  var root = document.documentElement;

  function applyTheme(t) {
    if (t === "light" || t === "dark") root.setAttribute("data-theme", t); else root.removeAttribute("data-theme");
  }
  function currentTheme() {
    var t = root.getAttribute("data-theme");
    if (t) return t;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  try { applyTheme(localStorage.getItem(THEME_KEY)); } catch (e) { /* storage off */ }

  function initTheme() {
    var btn = document.getElementById("theme-toggle");
    if (!btn) return;
    btn.hidden = false;
    function label() {
      var dark = currentTheme() === "dark";
      btn.setAttribute("aria-pressed", dark ? "true" : "false");
      btn.textContent = dark ? "Light theme" : "Dark theme";
    }
    btn.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      applyTheme(next);
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* storage off */ }
      label();
    });
    label();
  }

  // ------------------------------------------------------------------ search
  function fold(s) {
    return String(s).normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  function search(query) {
    var index = window.CRISIS_SEARCH_INDEX || [];
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1 || /\d/.test(w); });
    if (!words.length) return [];
    var hits = [];
    index.forEach(function (entry) {
      var title = fold(entry.page + " " + entry.section), body = fold(entry.text);
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i], inTitle = title.indexOf(w) >= 0, inBody = body.indexOf(w) >= 0;
        if (!inTitle && !inBody) return;
        score += (inTitle ? 5 : 0) + (inBody ? 1 : 0);
      }
      hits.push({entry: entry, score: score, pos: body.indexOf(words[0])});
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, 50);
  }

  function snippet(text, pos) {
    var start = Math.max(0, pos - 60);
    var s = text.slice(start, start + 200);
    return (start > 0 ? "… " : "") + s + (start + 200 < text.length ? " …" : "");
  }

  function initSearch() {
    var box = document.getElementById("search-page-input");
    var out = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!box || !out) return;
    function run() {
      var q = box.value.trim();
      out.innerHTML = "";
      if (!q) { status.textContent = "Type one or more words."; return; }
      var hits = search(q);
      status.textContent = hits.length ? hits.length + (hits.length === 50 ? "+" : "") + " result" + (hits.length === 1 ? "" : "s") + " for “" + q + "”."
                                       : "No results for “" + q + "”.";
      hits.forEach(function (h) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = h.entry.url;
        a.textContent = h.entry.page + (h.entry.section && h.entry.section !== h.entry.page ? " › " + h.entry.section : "");
        li.appendChild(a);
        var p = document.createElement("p");
        p.textContent = snippet(h.entry.text, Math.max(0, h.pos));
        li.appendChild(p);
        out.appendChild(li);
      });
    }
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) box.value = params.get("q");
    box.addEventListener("input", run);
    run();
  }

  // ------------------------------------------------------------------ progress panel
  function initProgress() {
    var panel = document.getElementById("progress-panel");
    if (!panel || !window.CrisisStore) return;
    var list = document.getElementById("progress-list");
    var banks = JSON.parse(panel.getAttribute("data-banks") || "[]");
    function render() {
      var d = window.CrisisStore.load();
      list.innerHTML = "";
      banks.forEach(function (b) {
        var saved = d.banks[b.bank] || {};
        var answered = 0, right = 0;
        b.ids.forEach(function (id) { if (saved[id] && saved[id].attempts) { answered++; if (saved[id].correct) right++; } });
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = b.url; a.textContent = b.title;
        li.appendChild(a);
        li.appendChild(document.createTextNode(": " + right + " right, " + answered + " answered of " + b.ids.length + " questions"));
        list.appendChild(li);
      });
      var ow = d.open_writing || {};
      var open = Object.keys(ow).filter(function (k) { return (ow[k].text || "").trim(); }).length;
      var li2 = document.createElement("li");
      li2.textContent = "Written answers saved: " + open;
      list.appendChild(li2);
    }
    document.getElementById("progress-export").addEventListener("click", function () {
      var blob = new Blob([window.CrisisStore.exportJSON()], {type: "application/json"});
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "crisis-course-progress.json";
      document.body.appendChild(a); a.click(); a.remove();
    });
    document.getElementById("progress-reset").addEventListener("click", function () {
      if (!window.confirm("Forget every answer saved by this course in this browser?")) return;
      window.CrisisStore.reset();
      render();
      document.getElementById("progress-status").textContent = "Your saved answers were removed from this browser.";
    });
    panel.hidden = false;
    render();
  }

  // ------------------------------------------------------------------ launch links
  function initHubForm() {
    var form = document.getElementById("hub-form");
    if (!form) return;
    var input = document.getElementById("hub-url"), out = document.getElementById("hub-link");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var hub = input.value.trim().replace(/\/+$/, "");
      if (!/^https?:\/\//.test(hub)) { out.textContent = "Type the hub's address, starting with https://"; return; }
      var link = hub + form.getAttribute("data-path");
      out.innerHTML = "";
      var a = document.createElement("a");
      a.href = link; a.textContent = link;
      out.appendChild(a);
    });
  }

  function init() { initTheme(); initSearch(); initProgress(); initHubForm(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
