/* mulakat chat widget: one file, no dependencies, no build step.
   Embed:  <div id="mulakat"></div>
           <script src="https://HOST/widget.js" data-api="https://HOST" defer></script>
           <script>addEventListener("load", () => Mulakat.mount("#mulakat", { token: "..." }));</script>
   Options: token (string) or getToken (async () => token, called again on a 401), api (base URL), goal. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var me = document.currentScript || document.querySelector('script[src$="widget.js"]');
  var DEFAULT_API = (function () {
    if (me && me.getAttribute("data-api")) return me.getAttribute("data-api");
    try { return new URL(me.src, location.href).origin; } catch (e) { return location.origin; }
  })();
  var uid = 0;

  var CSS = [
    ":host{all:initial;display:block;--mk-accent:#2456c7;--mk-bg:#fff;--mk-fg:#1c2430;--mk-muted:#5b6675;--mk-line:#d9dee6;--mk-soft:#f3f5f9;--mk-ok:#1c7c43;--mk-bad:#b3261e;--mk-mid:#a86400;",
    "}",
    "@media (prefers-color-scheme:dark){:host{--mk-accent:#8fb0ff;--mk-bg:#15191f;--mk-fg:#e7ebf0;--mk-muted:#a3adba;--mk-line:#38404b;--mk-soft:#1f252d;--mk-ok:#5fd08b;--mk-bad:#ff8a80;--mk-mid:#f0b35a}}",
    "*,*::before,*::after{box-sizing:border-box}",
    ".mk{all:initial;box-sizing:border-box;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--mk-fg);text-align:left;background:var(--mk-bg);border:1px solid var(--mk-line);border-radius:12px;display:flex;flex-direction:column;max-height:var(--mk-height,80vh);min-height:320px;overflow:hidden}",
    "header{padding:10px 14px;border-bottom:1px solid var(--mk-line)}",
    "h2{font-size:1.05em;margin:0}h3{font-size:1em;margin:.2em 0 .4em}h4{font-size:.95em;margin:.6em 0 .2em}",
    ".log{position:relative;flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:8px}",
    ".msg{max-width:94%;padding:8px 12px;border-radius:10px;background:var(--mk-soft);overflow-wrap:anywhere}",
    ".msg.user{align-self:flex-end;background:var(--mk-accent);color:var(--mk-bg);white-space:pre-wrap}",
    ".msg.step{background:none;padding:0 12px;color:var(--mk-muted);font-size:.9em}",
    ".msg.step::before{content:'\\2713  '}",
    ".msg.error{background:none;border:1px solid var(--mk-bad);color:var(--mk-bad)}",
    ".msg p{margin:.25em 0}ul,ol{margin:.3em 0;padding-left:1.3em}li{margin:.2em 0}",
    ".muted,small{color:var(--mk-muted);font-size:.88em}",
    "blockquote{margin:.2em 0;padding:0 0 0 8px;border-left:3px solid var(--mk-line);color:var(--mk-muted);font-size:.9em}",
    ".tag{display:inline-block;font-size:.78em;padding:0 6px;border-radius:8px;border:1px solid currentColor;margin-left:4px;vertical-align:1px}",
    ".missing{color:var(--mk-bad)}.contradicted{color:var(--mk-bad)}.partial{color:var(--mk-mid)}.covered{color:var(--mk-ok)}",
    ".gauge{display:flex;align-items:center;gap:12px;flex-wrap:wrap}.gauge svg{width:132px;height:76px;flex:none}",
    ".score{font-size:1.6em;font-weight:700}",
    ".q{font-weight:600;font-size:1.05em}",
    ".chart svg{width:100%;max-width:460px;height:auto;display:block}",
    ".replies{display:flex;flex-wrap:wrap;gap:6px;padding:0 14px 8px}.replies:empty{display:none}",
    ".composer{border-top:1px solid var(--mk-line);padding:10px 14px}.composer:empty{display:none}",
    "form{display:flex;flex-direction:column;gap:8px;margin:0}fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}",
    "label,legend{font-weight:600;font-size:.92em;padding:0}",
    "textarea{font:inherit;color:inherit;background:var(--mk-bg);border:1px solid var(--mk-line);border-radius:8px;padding:6px 8px;min-height:4.5em;resize:vertical;width:100%}",
    "input[type=file]{font:inherit;font-size:.88em;color:var(--mk-muted)}",
    ".row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}",
    "button{font:inherit;cursor:pointer;border-radius:16px;border:1px solid var(--mk-accent);background:var(--mk-bg);color:var(--mk-accent);padding:4px 12px}",
    "button.primary{background:var(--mk-accent);color:var(--mk-bg);font-weight:600}",
    "button[disabled]{opacity:.55;cursor:default}",
    "button[aria-pressed=true]{background:var(--mk-accent);color:var(--mk-bg)}",
    ".thumbs{margin-top:6px}.thumbs button{padding:3px 10px;line-height:0}.thumbs svg{width:16px;height:16px;fill:currentColor}",
    ":focus-visible{outline:3px solid var(--mk-accent);outline-offset:2px}",
    "textarea:focus-visible{outline-offset:0}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    "details summary{cursor:pointer;color:var(--mk-accent)}"
  ].join("");

  var PARTS = {
    must_have: "Must-have requirements",
    nice_to_have: "Nice-to-have requirements",
    depth: "Depth (years of experience)",
    recency: "Recency (used lately)",
    level: "Level (how advanced)"
  };
  var VERDICTS = {
    ok: "Answered",
    empty: "Empty answer",
    dont_know: "Said \u201cI don't know\u201d",
    gibberish: "Could not read the answer",
    copied_question: "Repeats the question",
    off_topic: "Off topic"
  };

  // ---------- small DOM helpers (text only: server data never becomes markup) ----------
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    add(el, kids);
    return el;
  }
  function s(tag, attrs, kids) {
    var el = document.createElementNS(SVG, tag);
    setAttrs(el, attrs);
    add(el, kids);
    return el;
  }
  function setAttrs(el, attrs) {
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  function add(el, kids) {
    if (kids == null || kids === false) return;
    if (!Array.isArray(kids)) kids = [kids];
    kids.forEach(function (k) {
      if (Array.isArray(k)) add(el, k);
      else if (k != null && k !== false) el.appendChild(typeof k === "object" ? k : document.createTextNode(String(k)));
    });
  }
  function fmt(n, digits) {
    var x = Number(n);
    return isFinite(x) ? String(Math.round(x * Math.pow(10, digits || 0)) / Math.pow(10, digits || 0)) : "?";
  }
  function pretty(name) {
    return PARTS[name] || String(name).replace(/_/g, " ").replace(/^./, function (c) { return c.toUpperCase(); });
  }
  function thumb(down) {
    return s("svg", { viewBox: "0 0 24 24", "aria-hidden": "true" }, s("path", { transform: down ? "rotate(180 12 12)" : null,
      d: "M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.5-7.2A2 2 0 0 0 18.8 10H14l.9-4.3A2 2 0 0 0 11.3 4L8 10z" }));
  }
  function cite(ev) {
    return h("blockquote", null, [
      "\u201c" + ev.quote + "\u201d ",
      h("small", null, "\u2014 " + ev.source + (ev.section ? " \u00b7 " + ev.section : ""))
    ]);
  }

  // ---------- errors and transport ----------
  function detailText(detail) {
    if (detail == null) return "";
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail.map(function (e) {
        if (!e || typeof e !== "object") return String(e);
        var loc = (e.loc || []).filter(function (p) { return p !== "body"; }).join(".");
        return (loc ? loc + ": " : "") + (e.msg || JSON.stringify(e));
      }).join("; ");
    }
    if (typeof detail === "object" && detail.msg) return String(detail.msg);
    return JSON.stringify(detail);
  }
  function ApiError(status, message, extra) {
    var e = new Error(message || "Request failed (" + status + ")");
    e.status = status;
    e.extra = extra || {};
    return e;
  }
  async function errorFrom(res) {
    var text = "";
    try { text = await res.text(); } catch (e) { /* body unreadable */ }
    var msg = text;
    try { msg = detailText(JSON.parse(text).detail) || text; } catch (e) { /* not JSON */ }
    return ApiError(res.status, msg || res.status + " " + res.statusText);
  }

  // Parse a server-sent event stream from a fetch body: blocks split by a blank line, `event:` and `data:` fields.
  async function readEvents(res, onEvent) {
    var reader = res.body.getReader();
    var decoder = new TextDecoder();
    var buf = "";
    function dispatch(block) {
      var event = "message", data = [];
      block.split(/\r?\n/).forEach(function (line) {
        if (!line || line[0] === ":") return;
        var i = line.indexOf(":");
        var field = i < 0 ? line : line.slice(0, i);
        var value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      });
      if (!data.length) return;
      var payload = data.join("\n");
      try { payload = JSON.parse(payload); } catch (e) { /* leave as text */ }
      onEvent(event, payload);
    }
    for (;;) {
      var chunk = await reader.read();
      buf += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      var m;
      while ((m = /\r?\n\r?\n/.exec(buf))) {
        dispatch(buf.slice(0, m.index));
        buf = buf.slice(m.index + m[0].length);
      }
      if (chunk.done) {
        if (buf.trim()) dispatch(buf);
        return;
      }
    }
  }

  function store(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (e) { /* storage blocked: the server list still resumes */ }
    return null;
  }
  function tokenSubject(token) {
    try {
      var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(part + "===".slice((part.length + 3) % 4))).sub || "";
    } catch (e) { return ""; }
  }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  // ---------- one mounted widget ----------
  function Widget(host, options) {
    var api = String(options.api || DEFAULT_API).replace(/\/+$/, "");
    var token = options.token || null;
    var pendingToken = null;
    var goal = options.goal || 5;
    var thread = null;       // current thread id
    var report = null;       // its report
    var view = null;         // its practice view
    var busy = false;
    var n = ++uid;

    var root = host.shadowRoot || host.attachShadow({ mode: "open" });
    while (root.firstChild) root.removeChild(root.firstChild);
    var log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation", "data-testid": "log", tabindex: "0" });
    var replies = h("div", { class: "replies", role: "group", "aria-label": "Quick replies", "data-testid": "quick-replies" });
    var composer = h("div", { class: "composer", "data-testid": "composer" });
    var title = h("h2", { id: "mk-title-" + n, "data-testid": "title" }, options.title || "Interview readiness");
    root.appendChild(h("style", null, CSS));
    root.appendChild(h("section", { class: "mk", "aria-labelledby": "mk-title-" + n }, [h("header", null, title), log, replies, composer]));
    try { performance.mark("mulakat:rendered"); } catch (e) { /* old browser */ }

    // ----- auth + requests -----
    async function getToken(refresh) {
      if (token && !refresh) return token;
      if (typeof options.getToken !== "function") {
        if (token) return token;
        throw ApiError(401, "No token: pass { token } or { getToken } to Mulakat.mount.");
      }
      if (!pendingToken) {
        pendingToken = Promise.resolve().then(options.getToken).then(function (t) {
          pendingToken = null;
          token = typeof t === "string" ? t : t && t.token;
          if (!token) throw ApiError(401, "getToken returned no token.");
          return token;
        }, function (e) {
          pendingToken = null;
          throw ApiError(e.status || 0, "Could not get a token: " + (e.message || e));
        });
      }
      return pendingToken;
    }
    async function call(method, path, body, sse) {
      for (var attempt = 0; ; attempt++) {
        var headers = { Authorization: "Bearer " + (await getToken(attempt > 0)) };
        var payload;
        if (body instanceof FormData) payload = body;
        else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
        if (sse) headers.Accept = "text/event-stream";
        var res;
        try {
          res = await fetch(api + path, { method: method, headers: headers, body: payload });
        } catch (e) {
          throw ApiError(0, "Could not reach the server. Check your connection and try again.");
        }
        if (res.status === 401 && attempt === 0 && typeof options.getToken === "function") continue;
        if (!res.ok) throw await errorFrom(res);
        return res;
      }
    }
    async function json(method, path, body) {
      var res = await call(method, path, body);
      return res.status === 204 ? null : res.json();
    }
    // POST and read the event stream; progress labels go to the chat. Resolves with the `result` data.
    async function stream(path, body, onThread) {
      var res = await call("POST", path, body, true);
      var result = null, failure = null;
      try {
        await readEvents(res, function (event, data) {
          if (event === "progress") step(data && (data.label || data.node));
          else if (event === "thread" && onThread) onThread(data.thread_id);
          else if (event === "result") result = data;
          else if (event === "error") failure = data || {};
        });
      } catch (e) {
        throw ApiError(0, "The connection dropped before the result arrived.", { dropped: true });
      }
      if (failure) throw ApiError(failure.status || 500, detailText(failure.detail) || "The server could not finish.");
      if (!result) throw ApiError(0, "The stream ended before the result arrived.", { dropped: true });
      return result;
    }

    // ----- chat primitives -----
    function say(kids, cls, testid) {
      var el = h("div", { class: "msg " + (cls || "bot"), "data-testid": testid || null }, kids);
      log.appendChild(el);
      log.scrollTop = log.scrollHeight;
      return el;
    }
    function reveal(el) { log.scrollTop = Math.max(0, el.offsetTop - 8); }
    function step(label) { if (label) say(label, "step", "progress-msg"); }
    function fail(e) {
      say([h("strong", null, "Sorry: "), e && e.message ? e.message : String(e)], "error", "error");
    }
    function quick(items, focus) {
      replies.textContent = "";
      items.forEach(function (it) {
        replies.appendChild(h("button", { type: "button", "data-testid": "quick-reply", "data-action": it[2] || null,
          onclick: function () { if (!busy) it[1](); } }, it[0]));
      });
      if (focus && replies.firstChild) replies.firstChild.focus();
    }
    function setBusy(on) {
      busy = on;
      log.setAttribute("aria-busy", on ? "true" : "false");
      Array.prototype.forEach.call(root.querySelectorAll(".replies button, .composer button, .composer textarea, .composer input"), function (b) {
        b.disabled = on;
      });
    }
    async function run(fn) {
      if (busy) return;
      setBusy(true);
      try { await fn(); } catch (e) { fail(e); } finally { setBusy(false); }
    }
    function remember(id) {
      thread = id;
      store("mulakat:" + (tokenSubject(token || "") || "anon") + ":thread", id);
    }
    function mainReplies(focus) {
      quick([
        ["Practise now", practise, "practise"],
        ["Show plan", showPlan, "plan"],
        ["Show progress", showProgress, "progress"],
        ["Start over", startOver, "start-over"]
      ], focus);
    }
    function thumbs(target) {
      var status = h("span", { class: "muted", role: "status" });
      var group = h("div", { class: "thumbs row", role: "group", "aria-label": "Was this useful?" });
      function rate(rating, btn) {
        return async function () {
          var t = thread;
          try {
            await json("POST", "/v1/feedback", { thread_id: t, target: target, rating: rating });
            Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.setAttribute("aria-pressed", b === btn ? "true" : "false"); });
            status.textContent = "Thanks for the feedback.";
          } catch (e) { fail(e); }
        };
      }
      var up = h("button", { type: "button", "aria-pressed": "false", "aria-label": "Useful", title: "Useful", "data-testid": "thumbs-up", "data-target": target }, thumb(false));
      var down = h("button", { type: "button", "aria-pressed": "false", "aria-label": "Not useful", title: "Not useful", "data-testid": "thumbs-down", "data-target": target }, thumb(true));
      up.addEventListener("click", rate("up", up));
      down.addEventListener("click", rate("down", down));
      add(group, [up, down, status]);
      return group;
    }

    // ----- step 1: documents -----
    function docField(key, label, placeholder) {
      var id = "mk-" + n + "-" + key;
      var area = h("textarea", { id: id, name: key, rows: "4", placeholder: placeholder, "data-testid": key + "-text" });
      var file = h("input", { type: "file", id: id + "-file", "aria-label": label + ": upload a file instead",
        accept: ".pdf,.docx,.txt,.md,.markdown,.html,.htm,.rtf,text/plain,application/pdf", "data-testid": key + "-file" });
      return { area: area, file: file, el: h("fieldset", null, [h("label", { for: id }, label), area,
        h("div", { class: "row" }, [h("small", null, "or upload:"), file])]) };
    }
    function showDocs() {
      var resume = docField("resume", "Your resume", "Paste your resume here");
      var job = docField("job", "The job posting", "Paste the job posting here");
      var form = h("form", { "aria-label": "Resume and job posting", novalidate: true }, [resume.el, job.el,
        h("div", { class: "row" }, h("button", { type: "submit", class: "primary", "data-testid": "analyse" }, "Analyse"))]);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        run(function () { return analyse(resume, job); });
      });
      composer.textContent = "";
      composer.appendChild(form);
      quick([]);
    }
    async function analyse(resume, job) {
      var parts = [resume, job].map(function (f) {
        return { file: f.file.files && f.file.files[0], text: f.area.value.trim() };
      });
      var empty = [resume, job].filter(function (f, i) { return !parts[i].file && !parts[i].text; });
      if (empty.length) {
        say("Please paste or upload both your resume and the job posting.", "error", "error");
        empty[0].area.focus();
        return;
      }
      var body;
      if (parts[0].file || parts[1].file) {
        body = new FormData();
        ["resume", "job"].forEach(function (k, i) {
          var p = parts[i];
          if (p.file) body.append(k, p.file, p.file.name);
          else body.append(k, new Blob([p.text], { type: "text/markdown" }), k + ".md");
        });
      } else body = { resume: parts[0].text, job: parts[1].text };
      say(parts.map(function (p, i) { return (i ? "Job posting: " : "Resume: ") + (p.file ? p.file.name : "pasted text"); }).join("\n"), "user");
      say("Reading your documents\u2026", "bot");
      var started = null;
      var result;
      try {
        result = await stream("/v1/analyses/stream", body, function (id) { started = id; });
      } catch (e) {
        if (!(e.extra.dropped && started)) throw e;  // the run goes on server-side: read it back
        fail(e);
        result = await recoverReport(started);
      }
      remember(result.thread_id);
      report = result;
      view = null;
      composer.textContent = "";
      showReport(result);
      mainReplies(true);
    }
    async function recoverReport(id) {
      say("Checking whether the analysis finished anyway\u2026");
      for (var i = 0; i < 8; i++) {
        await sleep(1500);
        try { return await json("GET", "/v1/threads/" + encodeURIComponent(id)); } catch (e) { if (e.status !== 404) throw e; }
      }
      throw ApiError(0, "The analysis did not come back. Please try again.");
    }

    // ----- step 2: the report -----
    function gauge(r) {
      var score = Math.max(0, Math.min(100, Number(r.score) || 0));
      var color = score < 40 ? "var(--mk-bad)" : score < 70 ? "var(--mk-mid)" : "var(--mk-ok)";
      var arc = "M10 66 A56 56 0 0 1 122 66";
      var lo = r.low == null ? score : r.low, hi = r.high == null ? score : r.high;
      return s("svg", { viewBox: "0 0 132 76", "aria-hidden": "true", "data-testid": "readiness-gauge" }, [
        s("path", { d: arc, fill: "none", stroke: "var(--mk-line)", "stroke-width": "12", "stroke-linecap": "round" }),
        s("path", { d: arc, fill: "none", stroke: color, "stroke-opacity": ".3", "stroke-width": "12", pathLength: "100",
          "stroke-dasharray": "0 " + lo + " " + Math.max(0, hi - lo) + " 200" }),
        s("path", { d: arc, fill: "none", stroke: color, "stroke-width": "6", pathLength: "100",
          "stroke-dasharray": score + " 200" }),
        s("text", { x: "66", y: "62", "text-anchor": "middle", "font-size": "24", "font-weight": "700", fill: "currentColor" }, String(score))
      ]);
    }
    function readinessBlock(r, caption) {
      var total = 0;
      var comps = (r.components || []).map(function (c) {
        total += Number(c.points) || 0;
        return h("li", { "data-testid": "readiness-part" }, [
          h("strong", null, pretty(c.name) + ": " + fmt(c.points, 1) + " of " + fmt(c.weight * 100, 1) + " points"),
          h("br"), h("small", null, c.explanation)
        ]);
      });
      return [
        h("div", { class: "gauge" }, [gauge(r), h("div", null, [
          h("div", null, [h("span", { class: "score", "data-testid": "readiness-score" }, fmt(r.score)), " / 100 ready"]),
          r.low != null ? h("small", { "data-testid": "readiness-range" }, "likely between " + r.low + " and " + r.high) : null,
          caption ? h("div", null, h("small", null, caption)) : null
        ])]),
        comps.length ? h("h4", null, "How the score adds up") : null,
        comps.length ? h("ul", { "data-testid": "readiness-parts" }, comps) : null,
        comps.length ? h("small", null, "Parts add up to " + fmt(total, 1) + ", shown rounded as " + fmt(r.score) + ".") : null,
        (r.interval_reasons || []).length ? h("details", null, [h("summary", null, "Why the range"),
          h("ul", null, r.interval_reasons.map(function (t) { return h("li", null, t); }))]) : null
      ];
    }
    // compact (on resume): gaps and plan folded into <details> so the waiting question stays in view
    function showReport(rep, practiceReadiness, compact) {
      function part(heading, body) {
        return compact ? h("details", null, [h("summary", null, heading), body]) : [h("h3", null, heading), body];
      }
      var title = rep.job && rep.job.title ? "Readiness for " + rep.job.title : "Your readiness";
      // The warnings already repeat the parse-quality messages ("job: ..."): say each note once.
      var notes = [];
      function note(t) { if (notes.indexOf(t) < 0) notes.push(t); }
      (rep.warnings || []).forEach(note);
      Object.keys(rep.quality || {}).forEach(function (k) {
        (rep.quality[k].messages || []).forEach(function (m) { note(k + ": " + m); });
      });
      if (rep.fallback) note("Part of this analysis used the built-in rules because the model was unavailable.");
      var extra = null;
      if (practiceReadiness && practiceReadiness.score !== rep.readiness.score) {
        extra = h("p", { "data-testid": "practice-readiness" }, "With your practice answers: " + practiceReadiness.score +
          " / 100" + (practiceReadiness.low != null ? " (likely " + practiceReadiness.low + "\u2013" + practiceReadiness.high + ")" : "") + ".");
      }
      // Fit compares postings (see the README's "How fit is built"): folded, since readiness answers this one.
      var fit = rep.fit ? h("details", { "data-testid": "fit" }, [
        h("summary", null, ["Fit for choosing between postings: ", h("strong", { "data-testid": "fit-score" }, fmt(rep.fit.score)),
          " / 100 \u2014 " + rep.fit.reason]),
        h("ul", null, (rep.fit.parts || []).map(function (c) {
          return h("li", { "data-testid": "fit-part" }, [h("strong", null, pretty(c.name) + ": " + fmt(c.points) + " points"),
            h("br"), h("small", null, c.explanation)]);
        }))
      ]) : null;
      var top = say([h("h3", null, title), readinessBlock(rep.readiness), extra, fit,
        notes.length ? h("ul", { class: "muted" }, notes.map(function (t) { return h("li", null, t); })) : null,
        thumbs("readiness")], "bot", "readiness");

      // Missing, then partial, then met; must-haves and the largest gap (lowest credit) first, known skills before
      // needs in the posting's own words (they weigh half). 40 requirements stay readable: the gaps are grouped by
      // status and the met ones fold into one line.
      var rank = { missing: 0, partial: 1, met: 2 };
      function ownWords(q) { return !q.skill_id && q.mention ? 1 : 0; }
      var reqs = (rep.requirements || []).slice().sort(function (a, b) {
        return rank[a.status] - rank[b.status] || (a.priority === "must" ? 0 : 1) - (b.priority === "must" ? 0 : 1) ||
          a.credit - b.credit || ownWords(a) - ownWords(b);
      });
      var gaps = reqs.filter(function (q) { return q.status !== "met"; });
      var met = reqs.filter(function (q) { return q.status === "met"; });
      function gapList(status, label) {
        var group = gaps.filter(function (q) { return q.status === status; });
        return group.length ? [h("h4", null, label + " (" + group.length + ")"), h("ul", null, group.map(function (q) {
          return h("li", { "data-testid": "gap", "data-requirement": q.id }, [
            h("strong", null, q.skill), h("span", { class: "tag " + q.status }, q.status + (q.status === "partial" ? " " + Math.round(q.credit * 100) + "%" : "")),
            h("span", { class: "tag" }, q.priority === "must" ? "must-have" : "nice-to-have"),
            h("div", null, q.reason),
            (q.evidence || []).map(cite)
          ]);
        }))] : null;
      }
      say(part(gaps.length ? "Gaps to close (" + gaps.length + ")" : "No gaps: every requirement is met", [
        h("p", { class: "muted" }, met.length + " of " + reqs.length + " requirements are met."),
        gapList("missing", "Missing"), gapList("partial", "Partly met"),
        met.length ? h("details", { "data-testid": "met" }, [h("summary", null, met.length + " met"),
          h("p", null, met.map(function (q) { return q.skill; }).join(", "))]) : null,
        (rep.feedback || []).length ? h("details", null, [h("summary", null, "Feedback with sources (" + rep.feedback.length + ")"),
          feedbackList(rep.feedback)]) : null]), "bot", "gaps");

      var plan = rep.plan || [];
      say([part("Study plan" + (compact ? " (" + plan.length + " topics)" : ""), plan.length ? h("ol", null, plan.map(function (p) {
        return h("li", { "data-testid": "plan-item" }, [p.topic, " ", h("small", null, "(" + fmt(p.est_hours, 1) + " h" +
          (p.priority === "nice" ? ", nice-to-have" : "") + ")")]);
      })) : h("p", null, "Nothing to study: you cover the posting.")), thumbs("plan")], "bot", "plan");
      reveal(top);
    }
    function feedbackList(items) {
      return h("ul", null, items.map(function (f) {
        return h("li", { "data-testid": "feedback-item" }, [f.text, (f.citations || []).map(cite)]);
      }));
    }
    function showPlan() {
      say("Show plan", "user");
      var plan = (report && report.plan) || [];
      var sched = report && report.schedule;
      var el = say([h("h3", null, "Study plan in order"), plan.length ? h("ol", null, plan.map(function (p) {
        return h("li", { "data-testid": "plan-detail" }, [h("strong", null, p.topic), " ", h("small", null, fmt(p.est_hours, 1) + " h"),
          h("div", null, p.reason),
          (p.prerequisites || []).length ? h("small", null, "Needs first: " + p.prerequisites.join(", ")) : null,
          (p.subtopics || []).length ? h("ul", null, p.subtopics.map(function (t) { return h("li", null, t); })) : null,
          p.breakdown === "assembled" ? h("small", null, "Assembled breakdown: no notes on it yet. ") : null,
          p.breakdown === "drafted" ? h("small", null, "Drafted by a chat model from the sources below; not yet reviewed. ") : null,
          (p.sources || []).length ? h("small", null, "Sources: " + p.sources.join(", ")) : null]);
      })) : h("p", null, "No topics to study."),
      (report.plan_left_out || []).length ? h("details", { "data-testid": "plan-left-out" }, [
        h("summary", null, "Not in the plan (" + report.plan_left_out.length + ")"),
        h("ul", null, report.plan_left_out.map(function (g) { return h("li", null, g.name + ": " + g.reason); }))]) : null,
      sched ? [h("h4", null, "Schedule until " + sched.interview_date + " (" + fmt(sched.planned_hours, 1) + " of " + fmt(sched.available_hours, 1) + " h)"),
        h("ul", null, (sched.days || []).map(function (d) {
          return h("li", null, d.date + ": " + (d.items || []).map(function (it) { return it.topic || it.skill || ""; }).join(", "));
        }))] : null], "bot", "plan-full");
      reveal(el);
      if (!(view && !view.done && view.question)) mainReplies(false);
    }

    // ----- step 3: practice -----
    function practise() {
      run(async function () {
        say("Practise now", "user");
        var v = await json("POST", "/v1/threads/" + encodeURIComponent(thread) + "/practice", { goal: goal });
        view = v;
        if (v.done || !v.question) return summary(v);
        showQuestion(v, true);
      });
    }
    function showQuestion(v, focus) {
      var q = v.question;
      say([h("small", null, "Question " + (v.answered + 1) + " of " + v.goal + " \u00b7 " + q.skill_name + " \u00b7 " + q.kind +
        " \u00b7 difficulty " + q.difficulty + "/3"),
        h("p", { class: "q", "data-testid": "question-text" }, q.text),
        q.why ? h("p", null, h("small", null, "Why this question: " + q.why)) : null], "bot question", "question").setAttribute("data-question-id", q.id);
      var id = "mk-" + n + "-answer";
      var area = h("textarea", { id: id, rows: "4", "data-testid": "answer-text", "aria-describedby": id + "-hint" });
      var send = h("button", { type: "submit", class: "primary", "data-testid": "send-answer" }, "Send");
      var stop = h("button", { type: "button", "data-testid": "stop-session" }, "Stop session");
      var form = h("form", { "aria-label": "Your answer" }, [
        h("label", { for: id }, "Your answer"), area,
        h("div", { class: "row" }, [send, stop, h("small", { id: id + "-hint" }, "Enter or Ctrl+Enter sends; Shift+Enter adds a line.")])
      ]);
      area.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
          ev.preventDefault();
          if (!busy) form.requestSubmit ? form.requestSubmit(send) : send.click();
        }
      });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        run(function () { return answer(q, area, false); });
      });
      stop.addEventListener("click", function () { run(function () { return answer(q, area, true); }); });
      composer.textContent = "";
      composer.appendChild(form);
      quick([["Show progress", showProgress, "progress"], ["Show plan", showPlan, "plan"]]);
      log.scrollTop = log.scrollHeight;
      if (focus) area.focus();
    }
    async function answer(q, area, stop) {
      var text = area.value;
      if (!stop && !text.trim()) {
        say("Type an answer first (or press Stop session).", "error", "error");
        area.focus();
        return;
      }
      say(stop ? "Stop session" : text, "user");
      var before = view ? view.turn : -1;
      var v;
      try {
        v = await stream("/v1/threads/" + encodeURIComponent(thread) + "/practice/answers/stream",
          stop ? { question_id: q.id, stop: true } : { question_id: q.id, text: text });
      } catch (e) {
        if (e.status === 409 || e.extra.dropped) {
          fail(e);
          var now = await json("GET", "/v1/threads/" + encodeURIComponent(thread) + "/practice");
          if (now.turn === before && now.question && now.question.id === q.id) {
            say("Your answer is still in the box; press Send to try again.");
            area.focus();
            return;
          }
          v = now;  // someone else's answer (another tab) moved the session on
        } else {
          area.focus();
          throw e;
        }
      }
      area.value = "";
      view = v;
      var graded = !stop && v.last_grade ? showGrade(v) : null;
      if (v.done || !v.question) summary(v);
      else showQuestion(v, true);
      if (graded) reveal(graded);
    }
    function showGrade(v) {
      var g = v.last_grade;
      var pts = g.key_points || [];
      return say([h("h3", null, ["Score ", h("span", { "data-testid": "grade-score" }, String(g.score)), "/100 \u00b7 ",
        h("span", { "data-testid": "verdict" }, VERDICTS[g.verdict] || g.verdict)]),
        g.honesty ? h("p", { "data-testid": "honesty" }, g.honesty) : null,
        (g.parts || []).length ? h("p", null, h("small", null, "Score parts: " + g.parts.map(function (p) { return p[0] + " " + fmt(p[1], 1); }).join("; "))) : null,
        pts.length ? [h("h4", null, "Key points (" + pts.filter(function (p) { return p.covered; }).length + " of " + pts.length + " covered)"),
          h("ul", null, pts.map(function (p) {
            var state = p.covered ? "covered" : p.contradicted ? "contradicted" : "missing";
            return h("li", { class: state, "data-testid": "key-point", "data-covered": String(!!p.covered), "data-state": state }, [
              h("strong", null, p.covered ? "\u2713 Covered: " : p.contradicted ? "\u2717 Contradicted: " : "\u2717 Missing: "), p.point,
              p.covered && p.quote ? h("blockquote", null, "you said \u201c" + p.quote + "\u201d") : null,
              p.contradicted && p.contradiction ? h("blockquote", null, "you said \u201c" + p.contradiction + "\u201d, which says the opposite") : null]);
          }))] : null,
        g.star && (g.star.missing || []).length ? h("p", null, "STAR parts missing: " + g.star.missing.join(", ")) : null,
        (v.last_feedback || []).length ? [h("h4", null, "Feedback"), feedbackList(v.last_feedback)] : null,
        v.readiness ? h("p", null, h("small", null, "Readiness now " + v.readiness.score + " / 100" +
          (v.readiness.low != null ? " (likely " + v.readiness.low + "\u2013" + v.readiness.high + ")" : "") + ".")) : null,
        thumbs("turn:" + v.turn)], "bot", "grade");
    }
    function summary(v) {
      composer.textContent = "";
      say([h("h3", null, "Session complete"),
        h("p", null, "You answered " + v.answered + " of " + v.goal + " questions" + (v.stop_reason ? " (" + v.stop_reason + ")" : "") + "."),
        v.readiness ? h("p", null, "Readiness with practice: " + v.readiness.score + " / 100.") : null], "bot", "summary");
      quick([["Practise again", practise, "practise"], ["Show progress", showProgress, "progress"],
        ["Show plan", showPlan, "plan"], ["Start over", startOver, "start-over"]], true);
    }

    // ----- step 4: progress -----
    function chart(points) {
      var W = 440, H = 200, L = 34, R = 12, T = 12, B = 40;
      var xs = function (i) { return L + (points.length < 2 ? (W - L - R) / 2 : i * (W - L - R) / (points.length - 1)); };
      var ys = function (v) { return T + (100 - Math.max(0, Math.min(100, v))) * (H - T - B) / 100; };
      var kids = [s("title", null, "Readiness over time"),
        s("desc", null, points.map(function (p) { return (p.label || p.at) + ": " + p.score; }).join(", "))];
      [0, 25, 50, 75, 100].forEach(function (v) {
        kids.push(s("line", { x1: L, x2: W - R, y1: ys(v), y2: ys(v), stroke: "var(--mk-line)" }));
        kids.push(s("text", { x: L - 6, y: ys(v) + 4, "text-anchor": "end", "font-size": "10", fill: "var(--mk-muted)" }, String(v)));
      });
      var band = points.filter(function (p) { return p.low != null && p.high != null; });
      if (band.length === points.length && points.length > 1) {
        var top = points.map(function (p, i) { return xs(i) + "," + ys(p.high); });
        var bottom = points.map(function (p, i) { return xs(i) + "," + ys(p.low); }).reverse();
        kids.push(s("polygon", { points: top.concat(bottom).join(" "), fill: "var(--mk-accent)", "fill-opacity": ".12" }));
      }
      kids.push(s("polyline", { points: points.map(function (p, i) { return xs(i) + "," + ys(p.score); }).join(" "),
        fill: "none", stroke: "var(--mk-accent)", "stroke-width": "2.5", "data-testid": "chart-line" }));
      var every = Math.ceil(points.length / 8);
      points.forEach(function (p, i) {
        kids.push(s("circle", { cx: xs(i), cy: ys(p.score), r: "4", fill: "var(--mk-accent)", "data-testid": "chart-point",
          "data-score": p.score }, s("title", null, (p.label || "") + ": " + p.score)));
        if (i % every === 0 || i === points.length - 1) {
          var anchor = points.length > 1 && i === 0 ? "start" : points.length > 1 && i === points.length - 1 ? "end" : "middle";
          kids.push(s("text", { x: xs(i), y: H - B + 16, "text-anchor": anchor, "font-size": "10", fill: "var(--mk-muted)" }, p.label || String(i + 1)));
        }
      });
      return s("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Readiness over time: " +
        points.map(function (p) { return p.score; }).join(", "), "data-testid": "progress-chart" }, kids);
    }
    function showProgress() {
      run(async function () {
        say("Show progress", "user");
        var p = await json("GET", "/v1/threads/" + encodeURIComponent(thread) + "/progress");
        var pts = p.points || [];
        var el = say([h("h3", null, "Your progress"),
          pts.length ? h("div", { class: "chart" }, chart(pts)) : h("p", null, "No scores yet."),
          h("p", { class: "muted" }, pts.length ? "From " + pts[0].score + " to " + pts[pts.length - 1].score + " over " + p.turns + " practice answer" + (p.turns === 1 ? "" : "s") + "." : ""),
          (p.mastery || []).length ? [h("h4", null, "Skills practised"), h("ul", null, p.mastery.map(function (m) {
            return h("li", null, ((p.skill_names || {})[m.skill] || m.skill) + ": " + m.answers + " answer" + (m.answers === 1 ? "" : "s") + (m.last_score != null ? ", last " + Math.round(m.last_score * 100) + "%" : ""));
          }))] : null,
          (p.next_steps || []).length ? [h("h4", null, "Next steps"), h("ol", null, p.next_steps.map(function (t) {
            return h("li", { "data-testid": "next-step" }, t);
          }))] : null], "bot", "progress");
        reveal(el);
        if (!(view && !view.done && view.question)) mainReplies(false);
      });
    }

    // ----- start over -----
    function startOver() {
      say("Start over", "user");
      say("This deletes this analysis and its practice answers for good. Start over?");
      quick([["Yes, delete and start over", function () {
        run(async function () {
          if (thread) await json("DELETE", "/v1/threads/" + encodeURIComponent(thread));
          store("mulakat:" + (tokenSubject(token || "") || "anon") + ":thread", null);
          thread = report = view = null;
          say("Done. Paste or upload a resume and a job posting to begin again.");
          showDocs();
          var first = composer.querySelector("textarea");
          if (first) first.focus();
        });
      }, "confirm"], ["Cancel", function () { mainReplies(true); }, "cancel"]], true);
    }

    // ----- mount: resume the newest thread, else welcome -----
    async function start() {
      setBusy(true);
      try {
        var list = (await json("GET", "/v1/threads")).threads || [];
        var saved = store("mulakat:" + (tokenSubject(token || "") || "anon") + ":thread");
        var order = list.filter(function (t) { return t.thread_id === saved; })
          .concat(list.filter(function (t) { return t.thread_id !== saved; })).slice(0, 3);
        var pick = null;
        report = null;
        for (var i = 0; i < order.length && !report; i++) {
          try {
            report = await json("GET", "/v1/threads/" + encodeURIComponent(order[i].thread_id));
            pick = order[i];
          } catch (e) {
            if (e.status !== 404) throw e;  // 404: no finished analysis on it; try the next one
          }
        }
        if (!report) {
          say("Hi! I compare your resume with a job posting, show how ready you are and why, then help you practise the gaps.", "bot", "welcome");
          showDocs();
          return;
        }
        remember(pick.thread_id);
        try {
          view = await json("GET", "/v1/threads/" + encodeURIComponent(thread) + "/practice");
        } catch (e) { view = null; }
        say("Welcome back! Here is where you left off" + (report.job && report.job.title ? " with " + report.job.title : "") + ".", "bot", "welcome-back");
        showReport(report, view && view.answered ? view.readiness : null, true);
        if (view && !view.done && view.question) {
          say("A question is waiting for your answer.");
          showQuestion(view, false);
        } else mainReplies(false);
      } catch (e) {
        fail(e);
        quick([["Try again", function () { replies.textContent = ""; start(); }, "retry"]]);
      } finally {
        setBusy(false);
      }
    }
    start();

    return {
      unmount: function () { while (root.firstChild) root.removeChild(root.firstChild); },
      get threadId() { return thread; }
    };
  }

  window.Mulakat = {
    version: "1",
    mount: function (target, options) {
      var host = typeof target === "string" ? document.querySelector(target) : target;
      if (!host) throw new Error("Mulakat.mount: no element matches " + target);
      return Widget(host, options || {});
    }
  };
})();
