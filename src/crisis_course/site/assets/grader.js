/* The course's quiz grader in the page: a port of crisis_course/quiz/grading.py (Question.check).
 *
 * The constants (true/false words, multipliers, character folds, instructions) are written into
 * the site by the builder from the Python module itself (window.CRISIS_GRADING), so the two cannot
 * drift apart on them; tests/test_site.py runs shared answer vectors through both graders in
 * Chromium and compares verdicts, messages and feedback.
 *
 * CrisisGrader.check(question, answer) -> {correct, message, valid, answer, feedback}
 * where question is the JSON the builder embeds in each page (bank data minus instructor notes).
 */
(function (global) {
  "use strict";
  var C = global.CRISIS_GRADING;

  function charMap(s, table) {
    var out = "";
    for (var ch of s) out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    return out;
  }

  // Python's str.isspace() set (close enough: JS \s plus the information separators).
  var WS = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var WS_RUN = new RegExp("[" + WS + "]+", "g");
  function pyStrip(s, chars) {
    if (chars === undefined) return s.replace(new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g"), "");
    var a = 0, b = s.length;
    while (a < b && chars.indexOf(s[a]) >= 0) a++;
    while (b > a && chars.indexOf(s[b - 1]) >= 0) b--;
    return s.slice(a, b);
  }

  function casefold(s) {
    return s.toLowerCase().replace(/ς/g, "σ");
  }

  function normalizeText(text) {
    var s = casefold(String(text).normalize("NFKC"));
    s = charMap(s, C.special);
    s = charMap(s, C.dashes);
    s = charMap(s, C.quotes);
    s = s.normalize("NFKD").replace(/\p{Mn}/gu, "");
    s = s.replace(/-/g, " ");
    s = pyStrip(s.replace(WS_RUN, " "), C.edge_punct);
    return pyStrip(s.replace(WS_RUN, " "));
  }

  // ---- Python-like display of values (repr / str), for messages identical to the Python ones
  function pyRepr(v) {
    if (typeof v !== "string") return pyStr(v, true);
    var q = (v.indexOf("'") >= 0 && v.indexOf('"') < 0) ? '"' : "'";
    var out = "";
    for (var ch of v) {
      var code = ch.codePointAt(0);
      if (ch === "\\") out += "\\\\";
      else if (ch === q) out += "\\" + q;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
      else out += ch;
    }
    return q + out + q;
  }

  function pyStr(v, inner) {
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "number") return pyNum(v);
    if (typeof v === "string") return inner ? pyRepr(v) : v;
    if (Array.isArray(v)) return "[" + v.map(function (x) { return pyStr(x, true); }).join(", ") + "]";
    return "{" + Object.keys(v).map(function (k) { return pyRepr(k) + ": " + pyStr(v[k], true); }).join(", ") + "}";
  }

  function pyNum(v) {
    if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v === 0 ? 0 : v);
    if (v === Infinity) return "inf";
    if (v === -Infinity) return "-inf";
    if (Number.isNaN(v)) return "nan";
    return String(v);
  }

  function typeName(v) {
    if (v === null || v === undefined) return "NoneType";
    if (Array.isArray(v)) return "list";
    if (typeof v === "object") return "dict";
    if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
    return typeof v;
  }

  // ---- numbers
  function groupThousands(intStr) {
    var neg = intStr[0] === "-";
    var d = neg ? intStr.slice(1) : intStr;
    var out = "";
    while (d.length > 3) { out = "," + d.slice(-3) + out; d = d.slice(0, -3); }
    return (neg ? "-" : "") + d + out;
  }

  function formatG(value, prec) {  // Python's format(value, ".6g")
    if (value === 0) return "0";
    var exp = value.toExponential(prec - 1);           // "1.23457e+6"
    var m = /^(-?)(\d(?:\.\d+)?)e([+-]\d+)$/.exec(exp);
    var e = parseInt(m[3], 10);
    if (e < -4 || e >= prec) {
      var mant = m[2].indexOf(".") >= 0 ? m[2].replace(/0+$/, "").replace(/\.$/, "") : m[2];
      var es = Math.abs(e) < 10 ? "0" + Math.abs(e) : String(Math.abs(e));
      return m[1] + mant + "e" + (e < 0 ? "-" : "+") + es;
    }
    var fixed = value.toFixed(Math.max(0, prec - 1 - e));
    if (fixed.indexOf(".") >= 0) fixed = fixed.replace(/0+$/, "").replace(/\.$/, "");
    return fixed;
  }

  function fmt(value) {
    if (Number.isInteger(value) && Math.abs(value) < 1e16) return groupThousands(String(value === 0 ? 0 : value));
    return formatG(value, 6);
  }

  function NumberParseError(message) { this.message = message; }

  var MAX_NUMBER_CHARS = C.max_number_chars, MAX_SIGNIFICANT_DIGITS = C.max_significant_digits;
  // re.match(_NUMBER, s): anchored at the start only; the rest of s is the typed unit
  // Python's \d is any Unicode decimal digit (float() reads them too): \p{Nd} here
  var D = "\\p{Nd}";
  var NUMBER = new RegExp(
    "^([+\\-\\u2212]?)[ ]?(" +
    D + "{1,3}(?:," + D + "{3})+(?:\\." + D + "+)?" +
    "|" + D + "{1,3}(?:[ \\u00a0\\u202f]" + D + "{3})+(?:[.,]" + D + "+)?" +
    "|" + D + "+," + D + "+" +
    "|" + D + "+(?:\\." + D + "*)?(?:[eE][+\\-]?" + D + "+)?" +
    "|\\." + D + "+(?:[eE][+\\-]?" + D + "+)?" +
    ")(?!" + D + ")", "u");

  function asciiDigits(str) {  // each Unicode digit -> 0-9 (a digit's value is its place in its block of ten)
    return str.replace(/\p{Nd}/gu, function (ch) {
      var cp = ch.codePointAt(0), k = 0;
      while (k < 9 && /\p{Nd}/u.test(String.fromCodePoint(cp - k - 1))) k++;
      return String(k % 10);
    });
  }
  var MULT = new RegExp("^(thousand|k|million|mn|mio|billion|bn)(?![\\p{L}\\p{N}_])\\.?[" + WS + "]*(.*)$", "iu");

  function pySplitJoin(s) {  // " ".join(s.split())
    return s.split(WS_RUN).filter(function (x) { return x; }).join(" ");
  }

  function excerpt(text, limit) {
    limit = limit || 40;
    var chars = Array.from(text);
    return chars.length <= limit ? text : chars.slice(0, limit - 1).join("") + "…";
  }

  function unitWords(text) {
    var t = normalizeText(String(text).replace(/\//g, " per "));
    return t ? t.split(" ") : [];
  }

  function sameWord(a, b) {
    if (a === b) return true;
    return a + "s" === b || a + "es" === b || b + "s" === a || b + "es" === a;
  }

  function unitMatches(typed, unit) {
    if (!unit || !pyStrip(String(unit))) return false;
    var t = pyStrip(typed).toLowerCase(), u = pyStrip(String(unit)).toLowerCase();
    var percent = ["%", "percent", "per cent", "pct", "percents", "percentage"];
    var points = ["pp", "percentage point", "percentage points", "points", "point"];
    if (percent.indexOf(u) >= 0) return percent.indexOf(t) >= 0;
    if (points.indexOf(u) >= 0) return points.indexOf(t) >= 0 || percent.indexOf(t) >= 0;
    if (C.times_words.indexOf(u) >= 0) return C.times_words.indexOf(t) >= 0;
    var words = unitWords(typed), expected = unitWords(unit);
    if (!words.length || words.length > expected.length) return false;
    for (var i = 0; i < words.length; i++) if (!sameWord(words[i], expected[i])) return false;
    return true;
  }

  var TOO_LARGE = "That number is too large to check. Type a smaller one.";

  function parseNumber(text, unit) {
    if (typeof text === "boolean") throw new NumberParseError("Type a number, not True or False.");
    if (typeof text === "number") {
      if (!Number.isFinite(text)) throw new NumberParseError("Type an ordinary finite number.");
      if (Number.isInteger(text) && Math.abs(text) >= 1e308) throw new NumberParseError(TOO_LARGE);
      return text;
    }
    if (typeof text !== "string") throw new NumberParseError("Type a number (got " + typeName(text) + ").");
    var s = pySplitJoin(text);
    var tooLong = function (n) {
      return new NumberParseError("That is too long to be a number (" + groupThousands(String(n)) + " characters). Type just the number.");
    };
    if (Array.from(s).length > MAX_NUMBER_CHARS * 4) throw tooLong(Array.from(s).length);
    s = pySplitJoin(s.normalize("NFKC"));
    if (!s) throw new NumberParseError("Type a number first, for example 45.");
    if (Array.from(s).length > MAX_NUMBER_CHARS) throw tooLong(Array.from(s).length);
    var m = NUMBER.exec(s);
    if (!m) {
      var example = unit ? "45 " + unit : "45";
      throw new NumberParseError("I could not read " + pyRepr(excerpt(s)) +
        " as a number. Type it with digits, for example " + pyRepr(example) + ".");
    }
    var num = m[2];
    if (num.indexOf(",") >= 0 && /^\p{Nd}+,\p{Nd}+$/u.test(num) && !/^\p{Nd}{1,3}(,\p{Nd}{3})+$/u.test(num)) num = num.replace(/,/g, ".");
    else num = num.replace(/,/g, "");
    num = num.replace(/[ \u00a0\u202f]/g, "").replace(/,/g, ".");
    var mantissa = num.split(/[eE]/)[0];
    var digits = Array.from(mantissa.replace(/\P{Nd}/gu, "")).join("");
    digits = asciiDigits(digits).replace(/^0+/, "").replace(/0+$/, "");
    num = asciiDigits(num);
    if (digits.length > MAX_SIGNIFICANT_DIGITS) {
      throw new NumberParseError("That number has " + digits.length + " significant digits; answers are compared to at most " +
        MAX_SIGNIFICANT_DIGITS + ". Round it, for example to " + formatG(Number(num), 6) + ".");
    }
    var value = Number(num);
    if (!Number.isFinite(value)) throw new NumberParseError(TOO_LARGE);
    if (value === 0 && digits) throw new NumberParseError("That number is too small to check (it rounds to 0). Type it without the exponent.");
    if (m[1] === "-" || m[1] === "\u2212") value = -value;
    var typedUnit = pyStrip(s.slice(m[0].length));
    if (typedUnit && !unitMatches(typedUnit, unit)) {
      var mult = MULT.exec(typedUnit);
      if (mult && (!mult[2] || unitMatches(mult[2], unit))) {
        value *= C.multipliers[mult[1].toLowerCase()];
        typedUnit = "";
        if (!Number.isFinite(value)) throw new NumberParseError(TOO_LARGE);
      }
    }
    if (typedUnit && !unitMatches(typedUnit, unit)) {
      if (unit) {
        throw new NumberParseError("I read the number " + fmt(value) + " but not the unit " + pyRepr(excerpt(typedUnit)) +
          ": this answer is in " + unit + ". Type just the number, or the number and " + pyRepr(unit) + ".");
      }
      throw new NumberParseError("I read the number " + fmt(value) + " but not " + pyRepr(excerpt(typedUnit)) +
        " after it: type just the number.");
    }
    return value;
  }

  // ---- grading
  function R(correct, message, valid, answer, feedback) {
    return {correct: correct, message: message, valid: valid === undefined ? true : valid,
            answer: answer === undefined ? null : answer, feedback: feedback === undefined ? null : feedback};
  }

  function isBlank(v) { return typeof v === "string" && !pyStrip(v); }

  function option(value, options) {
    if (typeof value === "boolean") return null;
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < options.length) return options[value];
    if (typeof value === "number") value = pyNum(value);
    if (typeof value === "string") {
      if (options.indexOf(value) >= 0) return value;
      var folded = normalizeText(value);
      var matches = options.filter(function (o) { return normalizeText(o) === folded; });
      return matches.length === 1 ? matches[0] : null;
    }
    return null;
  }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj || {}, key); }

  // Question.feedback_for: the exact key, else the one whose folded text matches
  function feedbackFor(q, key) {
    if (key === null || key === undefined) return null;
    if (typeof key === "boolean") key = key ? "true" : "false";
    key = pyStr(key);
    var f = q.feedback || {};
    if (has(f, key)) return f[key];
    var folded = normalizeText(key);
    for (var k in f) if (has(f, k) && normalizeText(k) === folded) return f[k];
    return null;
  }

  function notesText(notes) { return notes.length ? notes.join(" ") : null; }

  var checks = {
    single: function (q, answer) {
      if (answer === null || answer === undefined || isBlank(answer)) return R(false, "Choose one of the options first.", false);
      if (Array.isArray(answer)) {
        if (answer.length !== 1) return R(false, "Choose exactly one option.", false);
        answer = answer[0];
      }
      var chosen = option(answer, q.options);
      if (chosen === null) return R(false, pyRepr(pyStr(answer)) + " is not one of the options.", false);
      if (chosen === q.answer) return R(true, "That is the right option.", true, chosen);
      return R(false, pyRepr(chosen) + " is not the right option.", true, chosen, feedbackFor(q, chosen));
    },
    multiple: function (q, answer) {
      if (typeof answer === "string" || (typeof answer === "number" && Number.isInteger(answer))) answer = [answer];
      if (!Array.isArray(answer)) return R(false, "Choose one or more options (give a list).", false);
      var chosen = [];
      for (var i = 0; i < answer.length; i++) {
        var o = option(answer[i], q.options);
        if (o === null) return R(false, pyRepr(pyStr(answer[i])) + " is not one of the options.", false);
        if (chosen.indexOf(o) < 0) chosen.push(o);
      }
      if (!chosen.length) return R(false, "Choose at least one option.", false);
      chosen = q.options.filter(function (o) { return chosen.indexOf(o) >= 0; });
      var right = q.answer;
      var hits = chosen.filter(function (o) { return right.indexOf(o) >= 0; }).length;
      var wrong = chosen.filter(function (o) { return right.indexOf(o) < 0; });
      if (hits === right.length && wrong.length === 0) return R(true, "You chose exactly the right options.", true, chosen);
      var msg = "You chose " + hits + " of the " + right.length + " right option" + (right.length !== 1 ? "s" : "");
      if (wrong.length) msg += " and " + wrong.length + " that " + (wrong.length === 1 ? "is" : "are") + " not right";
      var f = q.feedback || {}, notes = [];
      chosen.forEach(function (o) { if (right.indexOf(o) < 0 && has(f, o)) notes.push(pyRepr(o) + ": " + f[o]); });
      q.options.forEach(function (o) {
        if (right.indexOf(o) >= 0 && chosen.indexOf(o) < 0 && has(f, o)) notes.push(pyRepr(o) + " (not ticked): " + f[o]);
      });
      return R(false, msg + ".", true, chosen, notesText(notes));
    },
    true_false: function (q, answer) {
      var value;
      if (typeof answer === "boolean") value = answer;
      else if (typeof answer === "string" && C.true_words.indexOf(normalizeText(answer)) >= 0) value = true;
      else if (typeof answer === "string" && C.false_words.indexOf(normalizeText(answer)) >= 0) value = false;
      else if (answer === null || answer === undefined || isBlank(answer)) return R(false, "Choose True or False first.", false);
      else return R(false, "Answer True or False (got " + pyRepr(pyStr(answer)) + ").", false);
      var word = value ? "true" : "false";
      if (value === q.answer) return R(true, "Yes: the statement is " + word + ".", true, value);
      return R(false, "The statement is not " + word + ".", true, value, feedbackFor(q, value));
    },
    numeric: function (q, answer) {
      var value;
      try { value = parseNumber(answer, q.unit); }
      catch (e) { if (e instanceof NumberParseError) return R(false, e.message, false); throw e; }
      var stored = typeof answer === "string" ? answer : value;
      var target = Number(q.answer);
      var slack = (q.tolerance || 0) + 1e-9 * Math.max(1, Math.abs(target));
      if (Math.abs(value - target) <= slack) return R(true, fmt(value) + " is right.", true, stored);
      var direction = value > target ? "too high" : "too low";
      var feedback = null;
      var misses = q.near_misses || [];
      for (var i = 0; i < misses.length; i++) {
        var nm = misses[i];
        var nv = Number(nm.value);
        var nslack = Number(nm.tolerance || 0) + 1e-9 * Math.max(1, Math.abs(nv));
        if (Math.abs(value - nv) <= nslack) { feedback = String(nm.feedback); break; }
      }
      return R(false, fmt(value) + " is " + direction + ".", true, stored, feedback);
    },
    ordering: function (q, answer) {
      if (!Array.isArray(answer)) return R(false, "Give the items as a list, earliest first.", false);
      var resolved = [];
      for (var i = 0; i < answer.length; i++) {
        var v = answer[i];
        if (v === null || v === undefined || isBlank(v)) return R(false, "Fill every position before checking.", false);
        var item = (typeof v === "number" && Number.isInteger(v)) || typeof v === "boolean" ? null : option(v, q.items);
        if (item === null) return R(false, pyRepr(pyStr(v)) + " is not one of the items to order.", false);
        if (resolved.indexOf(item) >= 0) return R(false, pyRepr(item) + " is used twice: use each item once.", false);
        resolved.push(item);
      }
      if (resolved.length !== q.items.length) {
        var missing = q.items.filter(function (x) { return resolved.indexOf(x) < 0; });
        return R(false, "Use every item once. Missing: " + missing.map(pyRepr).join("; ") + ".", false);
      }
      var inPlace = 0, misplaced = [];
      for (var j = 0; j < resolved.length; j++) {
        if (resolved[j] === q.items[j]) inPlace++; else misplaced.push([j + 1, resolved[j]]);
      }
      if (inPlace === q.items.length) return R(true, "All items are in the right order.", true, resolved);
      var msgO = inPlace + " of " + q.items.length + " items are in the right place. Not in place: " +
        misplaced.map(function (p) { return "position " + p[0] + " (" + pyRepr(p[1]) + ")"; }).join("; ") + ".";
      var fo = q.feedback || {};
      var notesO = misplaced.filter(function (p) { return has(fo, p[1]); }).map(function (p) { return pyRepr(p[1]) + ": " + fo[p[1]]; });
      return R(false, msgO, true, resolved, notesText(notesO));
    },
    matching: function (q, answer) {
      var given;
      if (answer && typeof answer === "object" && !Array.isArray(answer)) {
        given = Object.keys(answer).map(function (k) { return [k, answer[k]]; });
      } else if (Array.isArray(answer) && answer.every(function (p) { return Array.isArray(p) && p.length === 2; })) {
        given = answer.map(function (p) { return [p[0], p[1]]; });
      } else {
        return R(false, "Give the matches as a dict {left: right} or a list of (left, right) pairs.", false);
      }
      var lefts = q.pairs.map(function (p) { return p[0]; }), rights = q.pairs.map(function (p) { return p[1]; });
      var mapping = {}, order = [];
      for (var i = 0; i < given.length; i++) {
        var left = given[i][0], right = given[i][1];
        var lv = typeof left === "string" ? option(left, lefts) : null;
        if (lv === null) return R(false, pyRepr(pyStr(left)) + " is not one of the items on the left.", false);
        if (right === null || right === undefined || isBlank(right)) return R(false, "Choose a match for " + pyRepr(lv) + ".", false);
        var rv = typeof right === "string" ? option(right, rights) : null;
        if (rv === null) return R(false, pyRepr(pyStr(right)) + " is not one of the choices on the right.", false);
        if (Object.prototype.hasOwnProperty.call(mapping, lv) && mapping[lv] !== rv) return R(false, pyRepr(lv) + " is matched twice.", false);
        mapping[lv] = rv;
      }
      var missing = lefts.filter(function (l) { return !Object.prototype.hasOwnProperty.call(mapping, l); });
      if (missing.length) return R(false, "Choose a match for every item. Missing: " + missing.map(pyRepr).join("; ") + ".", false);
      var canonical = {}, count = 0, wrongLefts = [];
      lefts.forEach(function (l, k) {
        canonical[l] = mapping[l];
        if (mapping[l] === rights[k]) count++; else wrongLefts.push(l);
      });
      if (count === q.pairs.length) return R(true, "Every pair is right.", true, canonical);
      var msg = count + " of " + q.pairs.length + " pairs are right.";
      msg += " Not right: " + wrongLefts.map(function (a) { return pyRepr(a) + " \u2192 " + pyRepr(canonical[a]); }).join("; ") + ".";
      var values = lefts.map(function (l) { return canonical[l]; });
      if (new Set(values).size < values.length) msg += " Each choice on the right belongs to exactly one item.";
      var fm = q.feedback || {};
      var notesM = wrongLefts.filter(function (a) { return has(fm, a); }).map(function (a) { return pyRepr(a) + ": " + fm[a]; });
      return R(false, msg, true, canonical, notesText(notesM));
    },
    text: function (q, answer) {
      if (answer === null || answer === undefined || typeof answer === "boolean" ||
          !(typeof answer === "string" || typeof answer === "number")) return R(false, "Type your answer as text.", false);
      var text = typeof answer === "string" ? answer : pyNum(answer);
      var folded = normalizeText(text);
      if (!folded) return R(false, "Type an answer first.", false);
      var accepted = [q.answer].concat(q.accept || []).map(function (a) { return normalizeText(pyStr(a)); });
      var shown = pyStrip(text);
      if (accepted.indexOf(folded) >= 0) return R(true, pyRepr(shown) + " is right.", true, shown);
      return R(false, pyRepr(shown) + " is not the answer we were looking for.", true, shown, feedbackFor(q, shown));
    }
  };

  function check(question, answer) {
    try {
      return checks[question.type](question, answer);
    } catch (exc) {
      return R(false, "This answer could not be checked (" + (exc && exc.name) + ": " + (exc && exc.message) + ").", false);
    }
  }

  global.CrisisGrader = {check: check, normalizeText: normalizeText, parseNumber: parseNumber, fmt: fmt,
                         pyRepr: pyRepr, NumberParseError: NumberParseError};
})(window);
