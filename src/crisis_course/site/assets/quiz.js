/* In-page quizzes, checkpoints and open-writing answers for the course website.
 *
 * The page holds the static quiz HTML written by the notebooks (crisis_course/quiz/static.py: a
 * <div class="crisis-quiz" role="region"> with one <div class="quiz-question" id="quiz-ID"> per
 * question, answers behind <details>). Without script that is what the student gets. With script,
 * each question whose id is in the page's embedded question data (#crisis-questions) gets inputs,
 * a Check button and feedback from CrisisGrader (grader.js); its <details> answer becomes
 * available after a wrong try. Answers are saved in localStorage (CrisisStore) in the shape of the
 * Python progress file (docs/progress.md): {format, version: 2, banks: {bank: {qid: {...}}},
 * open_writing: {key: {text, updated}}}, so an exported file can serve as a progress.json.
 */
(function () {
  "use strict";
  var KEY = "crisis-course-progress";

  var Store = {
    load: function () {
      try {
        var d = JSON.parse(localStorage.getItem(KEY) || "null");
        if (d && typeof d === "object" && d.banks && typeof d.banks === "object") {
          if (!d.open_writing || typeof d.open_writing !== "object") d.open_writing = {};
          return d;
        }
      } catch (e) { /* unreadable: start fresh */ }
      return {format: "crisis-course-progress", version: 2, banks: {}, open_writing: {}};
    },
    save: function (data) {
      try { localStorage.setItem(KEY, JSON.stringify(data)); return true; } catch (e) { return false; }
    },
    entry: function (bank, qid) { var b = Store.load().banks[bank]; return b ? b[qid] : undefined; },
    saveAnswer: function (bank, qid, entry) {
      var d = Store.load();
      d.banks[bank] = d.banks[bank] || {};
      entry.updated = new Date().toISOString();
      d.banks[bank][qid] = entry;
      return Store.save(d);
    },
    forget: function (bank, qids) {
      var d = Store.load();
      if (d.banks[bank]) qids.forEach(function (q) { delete d.banks[bank][q]; });
      Store.save(d);
    },
    openText: function (key) { var e = Store.load().open_writing[key]; return e ? e.text : ""; },
    saveOpen: function (key, text) {
      var d = Store.load();
      d.open_writing[key] = {text: text, updated: new Date().toISOString()};
      return Store.save(d);
    },
    reset: function () { localStorage.removeItem(KEY); },
    exportJSON: function () { return JSON.stringify(Store.load(), null, 2); }
  };
  window.CrisisStore = Store;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "class") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function html(tag, attrs, markup) {  // markup comes from the builder (escaped by quiz/markup.py)
    var e = el(tag, attrs);
    e.innerHTML = markup;
    return e;
  }

  var QUESTIONS = {};
  var data = document.getElementById("crisis-questions");
  if (data) { try { QUESTIONS = JSON.parse(data.textContent); } catch (e) { QUESTIONS = {}; } }

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  // ------------------------------------------------------------------ one question
  function QuestionUI(node, q) {
    this.node = node;
    this.q = q;
    this.attempts = 0;
    this.correct = false;
    this.revealed = false;
    this.build();
  }

  QuestionUI.prototype.build = function () {
    var node = this.node, q = this.q, self = this;
    node.classList.add("quiz-live");
    var prompt = node.querySelector(".quiz-prompt");
    // the static list of options/items (and its caption) is replaced by inputs
    var sib = prompt ? prompt.nextElementSibling : null;
    while (sib && sib.tagName !== "DETAILS") {
      var next = sib.nextElementSibling;
      sib.setAttribute("hidden", "");
      sib.classList.add("quiz-static-inputs");
      sib = next;
    }
    this.answerDetails = node.querySelector("details.quiz-answer");
    if (this.answerDetails) {
      this.answerDetails.setAttribute("hidden", "");
      this.answerDetails.addEventListener("toggle", function () {
        if (self.answerDetails.open && !self.revealed) { self.revealed = true; self.save(); }
      });
    }
    var form = el("div", {"class": "quiz-form"});
    this.inputs = [];
    var promptId = nextId("qp");
    if (prompt) prompt.id = prompt.id || promptId;
    var labelledBy = prompt ? prompt.id : null;
    if (q.type === "single" || q.type === "multiple" || q.type === "true_false") {
      var fs = el("fieldset", {"class": "quiz-choices"});
      var lg = el("legend", {"class": "visually-hidden"}, q.type === "multiple" ? "Choose all that apply" : "Choose one");
      fs.appendChild(lg);
      var opts = q.type === "true_false" ? ["True", "False"] : q.options;
      var name = nextId("q-" + q.id);
      opts.forEach(function (opt, i) {
        var id = name + "-" + i;
        var input = el("input", {type: q.type === "multiple" ? "checkbox" : "radio", name: name, id: id, value: String(i)});
        var label = el("label", {"for": id});
        label.innerHTML = q.type === "true_false" ? opt : q.options_html[i];
        var row = el("div", {"class": "quiz-choice"});
        row.appendChild(input); row.appendChild(label);
        fs.appendChild(row);
        self.inputs.push(input);
      });
      form.appendChild(fs);
    } else if (q.type === "numeric" || q.type === "text") {
      var tid = nextId("qi");
      var lab = el("label", {"for": tid}, q.type === "numeric" ? "Your answer" + (q.unit ? " (in " + q.unit + ")" : "") : "Your answer");
      var inp = el("input", {type: "text", id: tid, autocomplete: "off", spellcheck: "false"});
      if (q.type === "numeric") inp.setAttribute("inputmode", "decimal");
      inp.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); self.check(); } });
      var row2 = el("div", {"class": "quiz-field"});
      row2.appendChild(lab); row2.appendChild(inp);
      form.appendChild(row2);
      this.inputs.push(inp);
    } else if (q.type === "ordering") {
      form.appendChild(el("p", {"class": "quiz-help"}, "Choose the item for each position, in the order the question asks."));
      q.items.forEach(function (_, i) {
        var sid = nextId("qo");
        var l = el("label", {"for": sid}, "Position " + (i + 1) + (i === 0 ? " (first)" : i === q.items.length - 1 ? " (last)" : ""));
        var sel = el("select", {id: sid});
        sel.appendChild(el("option", {value: ""}, "— choose —"));
        q.display_items.forEach(function (item) { sel.appendChild(el("option", {value: item}, item)); });
        var row3 = el("div", {"class": "quiz-field"});
        row3.appendChild(l); row3.appendChild(sel);
        form.appendChild(row3);
        self.inputs.push(sel);
      });
    } else if (q.type === "matching") {
      q.pairs.forEach(function (pair) {
        var sid = nextId("qm");
        var l = el("label", {"for": sid}, pair[0]);
        var sel = el("select", {id: sid, "data-left": pair[0]});
        sel.appendChild(el("option", {value: ""}, "— choose a match —"));
        q.display_rights.forEach(function (r) { sel.appendChild(el("option", {value: r}, r)); });
        var row4 = el("div", {"class": "quiz-field"});
        row4.appendChild(l); row4.appendChild(sel);
        form.appendChild(row4);
        self.inputs.push(sel);
      });
    }
    var buttons = el("div", {"class": "quiz-buttons"});
    this.checkButton = el("button", {type: "button", "class": "quiz-check"}, "Check");
    this.checkButton.addEventListener("click", function () { self.check(); });
    buttons.appendChild(this.checkButton);
    form.appendChild(buttons);
    this.feedback = el("div", {"class": "quiz-feedback", role: "status", "aria-live": "polite"});
    form.appendChild(this.feedback);
    if (labelledBy) form.setAttribute("aria-describedby", labelledBy);
    var anchor = this.answerDetails || null;
    var hint = node.querySelector("details:not(.quiz-answer)");
    node.insertBefore(form, hint || anchor);
  };

  QuestionUI.prototype.getAnswer = function () {
    var q = this.q;
    if (q.type === "single" || q.type === "true_false") {
      for (var i = 0; i < this.inputs.length; i++) {
        if (this.inputs[i].checked) return q.type === "true_false" ? (i === 0) : q.options[i];
      }
      return null;
    }
    if (q.type === "multiple") {
      return this.inputs.filter(function (x) { return x.checked; }).map(function (x) { return q.options[Number(x.value)]; });
    }
    if (q.type === "numeric" || q.type === "text") return this.inputs[0].value;
    if (q.type === "ordering") return this.inputs.map(function (s) { return s.value; });
    if (q.type === "matching") {
      var m = {};
      this.inputs.forEach(function (s) { m[s.getAttribute("data-left")] = s.value; });
      return m;
    }
    return null;
  };

  QuestionUI.prototype.setAnswer = function (a) {
    var q = this.q;
    if (a === null || a === undefined) return;
    if (q.type === "single") this.inputs.forEach(function (x, i) { x.checked = q.options[i] === a; });
    else if (q.type === "true_false") { this.inputs[0].checked = a === true; this.inputs[1].checked = a === false; }
    else if (q.type === "multiple" && Array.isArray(a)) this.inputs.forEach(function (x, i) { x.checked = a.indexOf(q.options[i]) >= 0; });
    else if (q.type === "numeric" || q.type === "text") this.inputs[0].value = String(a);
    else if (q.type === "ordering" && Array.isArray(a)) this.inputs.forEach(function (s, i) { s.value = a[i] || ""; });
    else if (q.type === "matching" && typeof a === "object") this.inputs.forEach(function (s) { s.value = a[s.getAttribute("data-left")] || ""; });
  };

  QuestionUI.prototype.show = function (result) {
    var q = this.q, f = this.feedback;
    f.innerHTML = "";
    f.className = "quiz-feedback";
    if (!result.valid) {
      f.classList.add("quiz-invalid");
      f.appendChild(el("p", null, "⚠ Check your answer. " + result.message));
      return;
    }
    f.classList.add(result.correct ? "quiz-right" : "quiz-wrong");
    var head = el("p", null);
    head.appendChild(el("strong", null, result.correct ? "✓ Correct." : "✗ Not quite."));
    head.appendChild(document.createTextNode(" " + result.message));
    f.appendChild(head);
    if (result.correct) {
      f.appendChild(html("div", {"class": "quiz-explanation"}, q.explanation_html));
      var src = html("p", {"class": "quiz-source"}, "<em>Source:</em> " + q.source_html);
      f.appendChild(src);
    } else {
      if (result.feedback) {
        var rendered = (q.feedback_html || {})[result.feedback];
        var items = rendered ? [] : feedbackItems(q, result.answer);
        if (rendered) f.appendChild(html("div", {"class": "quiz-option-feedback"}, rendered));
        else if (items.length) {
          var ul = el("ul", {"class": "quiz-option-feedback"});
          items.forEach(function (it) {
            var li = el("li");
            li.appendChild(el("strong", null, it[0] + ": "));
            li.appendChild(html("span", null, it[1]));
            ul.appendChild(li);
          });
          f.appendChild(ul);
        } else f.appendChild(el("p", {"class": "quiz-option-feedback"}, result.feedback));
      }
      if (q.hint_html) f.appendChild(el("p", {"class": "quiz-help"}, "A hint is available below. Try again, or open “Show answer”."));
      else f.appendChild(el("p", {"class": "quiz-help"}, "Try again, or open “Show answer” below."));
    }
    if (this.answerDetails) this.answerDetails.removeAttribute("hidden");
  };

  // The bank's feedback on each mistake of a multiple/ordering/matching answer, as [label, html]
  // (the grader gives the same notes as one sentence; here each is rendered from the bank's text).
  function feedbackItems(q, answer) {
    var f = q.feedback || {}, fh = q.feedback_html || {}, out = [];
    function add(label, key) { if (Object.prototype.hasOwnProperty.call(f, key)) out.push([label, fh[f[key]] || f[key]]); }
    if (q.type === "multiple" && Array.isArray(answer)) {
      answer.forEach(function (o) { if (q.answer.indexOf(o) < 0) add(o, o); });
      q.options.forEach(function (o) { if (q.answer.indexOf(o) >= 0 && answer.indexOf(o) < 0) add(o + " (not ticked)", o); });
    } else if (q.type === "ordering" && Array.isArray(answer)) {
      answer.forEach(function (item, i) { if (item !== q.items[i]) add(item, item); });
    } else if (q.type === "matching" && answer && typeof answer === "object") {
      q.pairs.forEach(function (p) { if (answer[p[0]] !== p[1]) add(p[0], p[0]); });
    }
    return out;
  }

  QuestionUI.prototype.check = function () {
    var result = window.CrisisGrader.check(this.q, this.getAnswer());
    if (result.valid) {
      this.attempts += 1;
      this.correct = result.correct;
      this.lastAnswer = result.answer;
      this.save();
    }
    this.show(result);
    document.dispatchEvent(new CustomEvent("crisis-progress"));
    return result;
  };

  QuestionUI.prototype.save = function () {
    if (!this.attempts && !this.revealed) return;
    Store.saveAnswer(this.q.bank, this.q.id, {correct: this.correct, answer: this.lastAnswer === undefined ? null : this.lastAnswer,
                                              attempts: this.attempts, revealed: this.revealed});
  };

  QuestionUI.prototype.restore = function () {
    var e = Store.entry(this.q.bank, this.q.id);
    if (!e) return;
    this.attempts = e.attempts || 0;
    this.revealed = !!e.revealed;
    this.correct = !!e.correct;
    this.lastAnswer = e.answer;
    this.setAnswer(e.answer);
    if (this.attempts) this.show(window.CrisisGrader.check(this.q, e.answer));
    else if (this.revealed && this.answerDetails) this.answerDetails.removeAttribute("hidden");
  };

  QuestionUI.prototype.clear = function () {
    this.attempts = 0; this.correct = false; this.revealed = false; this.lastAnswer = undefined;
    this.inputs.forEach(function (x) { if (x.type === "radio" || x.type === "checkbox") x.checked = false; else x.value = ""; });
    this.feedback.innerHTML = ""; this.feedback.className = "quiz-feedback";
    if (this.answerDetails) { this.answerDetails.open = false; this.answerDetails.setAttribute("hidden", ""); }
  };

  // ------------------------------------------------------------------ quizzes (groups)
  var all = [];

  function upgradeQuiz(box) {
    var views = [];
    box.querySelectorAll(".quiz-question[id^='quiz-']").forEach(function (node) {
      var q = QUESTIONS[node.id.slice(5)];
      if (!q || node.classList.contains("quiz-live")) return;
      var v = new QuestionUI(node, q);
      views.push(v); all.push(v);
    });
    if (!views.length) return;
    box.classList.add("quiz-upgraded");
    // the "static copy: run the notebook" sentence no longer applies
    box.querySelectorAll("p").forEach(function (p) {
      if (/^Static copy of the quiz/.test(p.textContent)) {
        p.textContent = "Answer in the page: your answers are checked here and saved in this browser only.";
      }
    });
    if (views.length > 1) {
      var bar = el("div", {"class": "quiz-scorebar"});
      var score = el("p", {"class": "quiz-score", role: "status", "aria-live": "polite"});
      var reset = el("button", {type: "button", "class": "quiz-reset"}, "Reset this quiz");
      reset.addEventListener("click", function () {
        if (!window.confirm("Forget your answers to this quiz in this browser?")) return;
        views.forEach(function (v) { Store.forget(v.q.bank, [v.q.id]); v.clear(); });
        update();
        document.dispatchEvent(new CustomEvent("crisis-progress"));
      });
      bar.appendChild(score); bar.appendChild(reset);
      var title = box.querySelector(".quiz-title");
      box.insertBefore(bar, title ? title.nextSibling : box.firstChild);
      var update = function () {
        var right = views.filter(function (v) { return v.correct; }).length;
        score.textContent = right + " / " + views.length + " correct";
      };
      document.addEventListener("crisis-progress", update);
      views.forEach(function (v) { v.restore(); });
      update();
    } else {
      views.forEach(function (v) { v.restore(); });
    }
  }

  // ------------------------------------------------------------------ open writing
  function upgradeOpen(node) {
    var key = node.getAttribute("data-open-answer");
    if (!key || node.classList.contains("open-live")) return;
    node.classList.add("open-live");
    var id = nextId("open");
    var label = el("label", {"for": id, "class": "open-label"}, "Your answer (saved in this browser)");
    var area = el("textarea", {id: id, rows: "6", placeholder: "Write here, then press Save."});
    var prompt = node.firstElementChild;
    if (prompt) { prompt.id = prompt.id || nextId("open-prompt"); area.setAttribute("aria-describedby", prompt.id); }
    area.value = Store.openText(key);
    var status = el("p", {"class": "open-status", role: "status", "aria-live": "polite"});
    if (area.value) status.textContent = "Saved earlier: your text is back.";
    var saveBtn = el("button", {type: "button"}, "Save");
    function save() {
      if (!area.value.trim()) { status.textContent = "Nothing to save yet: write something first."; return; }
      status.textContent = Store.saveOpen(key, area.value) ? "Saved in this browser." : "Could not save (browser storage is off): copy your text somewhere safe.";
    }
    saveBtn.addEventListener("click", save);
    area.addEventListener("change", save);
    var wrap = el("div", {"class": "open-form"});
    wrap.appendChild(label); wrap.appendChild(area); wrap.appendChild(saveBtn); wrap.appendChild(status);
    node.querySelectorAll(".crisis-writing-space").forEach(function (s) { s.setAttribute("hidden", ""); });
    node.appendChild(wrap);
  }

  function init() {
    document.querySelectorAll(".crisis-quiz, .crisis-checkpoint").forEach(upgradeQuiz);
    // questions outside any quiz box (a checkpoint's own HTML)
    document.querySelectorAll(".quiz-question[id^='quiz-']:not(.quiz-live)").forEach(function (node) {
      upgradeQuiz(node.parentNode);
    });
    document.querySelectorAll("[data-open-answer]").forEach(upgradeOpen);
  }
  window.CrisisQuiz = {init: init, views: all};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
