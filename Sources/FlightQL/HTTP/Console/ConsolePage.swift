// The query console served by `GET /graphql` to browsers (see `ConsoleRoute`). It is a Swift raw string so
// that `flightql serve` stays one self-contained binary; edit it as HTML. Everything is inline: no CDN, no
// external script, style, font or image, so it works offline.
//
// Parts: the query editor (a textarea) with schema completion from introspection (a light tokenizer tracks
// the selection path: fields of the current type, arguments inside parentheses, enum values after an
// argument's colon, type names after `on`), the variables and headers editors (JSON), Run (button or
// Ctrl/Cmd-Enter), the result pane (pretty JSON, errors listed and highlighted) and the history (localStorage).
// Responses are only ever rendered as text (`textContent`), never as HTML.

/// The console's HTML page.
let consolePageHTML = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>FlightQL console</title>
    <style>
      :root { --ink: #1f2430; --muted: #667085; --line: #d5d9e0; --accent: #2b6cb0; --error: #b42318;
              --error-bg: #fef3f2; --mono: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--ink); background: #f7f8fa;
             height: 100vh; display: flex; flex-direction: column; }
      header { display: flex; align-items: center; gap: 12px; padding: 8px 14px; background: #fff;
               border-bottom: 1px solid var(--line); }
      header h1 { font-size: 16px; margin: 0; }
      #schema-status { color: var(--muted); font-size: 12px; flex: 1; }
      button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 4px 10px;
               cursor: pointer; }
      button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
      main { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 220px; min-height: 0; }
      section, aside { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid var(--line); }
      label.pane { font-size: 12px; font-weight: 600; color: var(--muted); padding: 6px 10px 2px; }
      textarea { font: 13px/1.45 var(--mono); border: 0; border-top: 1px solid var(--line); padding: 8px 10px;
                 resize: none; outline: none; background: #fff; color: var(--ink); tab-size: 2; white-space: pre;
                 overflow: auto; }
      #query-wrap { position: relative; flex: 3; display: flex; min-height: 0; }
      #query { flex: 1; }
      #variables, #headers { flex: 1; min-height: 60px; }
      #completions { position: absolute; z-index: 2; margin: 0; padding: 2px 0; list-style: none; background: #fff;
                     border: 1px solid var(--line); border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.12);
                     max-height: 220px; overflow-y: auto; min-width: 220px; font: 12px/1.5 var(--mono); }
      #completions li { padding: 1px 10px; cursor: pointer; white-space: nowrap; }
      #completions li .detail { color: var(--muted); margin-left: 10px; }
      #completions li[aria-selected="true"] { background: var(--accent); color: #fff; }
      #completions li[aria-selected="true"] .detail { color: #dbe7f5; }
      #status { padding: 6px 10px; font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line);
                background: #fff; }
      #errors { margin: 0; padding: 0; list-style: none; }
      #errors li { margin: 8px 10px 0; padding: 6px 10px; background: var(--error-bg); color: var(--error);
                   border-left: 3px solid var(--error); white-space: pre-wrap; font: 12px/1.4 var(--mono); }
      #result { flex: 1; margin: 0; padding: 8px 10px; overflow: auto; font: 12px/1.45 var(--mono); background: #fff; }
      #result.has-errors { box-shadow: inset 3px 0 0 var(--error); }
      .j-key { color: #7a3e9d; } .j-str { color: #1a7f37; } .j-num { color: #b35900; } .j-lit { color: #0550ae; }
      .j-err { background: var(--error-bg); color: var(--error); }
      aside h2 { font-size: 12px; color: var(--muted); margin: 0; padding: 6px 10px; display: flex;
                 justify-content: space-between; align-items: center; }
      #history { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1; }
      #history li { padding: 6px 10px; border-top: 1px solid var(--line); cursor: pointer; font: 11px/1.35 var(--mono);
                    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      #history li:hover { background: #eef3fa; }
      #history li time { display: block; color: var(--muted); font-family: system-ui, sans-serif; }
    </style>
    </head>
    <body>
    <header>
      <h1>FlightQL console</h1>
      <span id="schema-status">loading the schema…</span>
      <button id="reload-schema" title="Introspect again (e.g. after changing the headers)">Reload schema</button>
      <button id="run" class="primary" title="Run (Ctrl-Enter or Cmd-Enter)">Run ▶</button>
    </header>
    <main>
      <section>
        <label class="pane" for="query">Query <span style="font-weight:400">(Ctrl-Space completes, Ctrl/Cmd-Enter runs)</span></label>
        <div id="query-wrap">
          <textarea id="query" spellcheck="false" autocomplete="off" autocapitalize="off"></textarea>
          <ul id="completions" role="listbox" hidden></ul>
        </div>
        <label class="pane" for="variables">Variables (JSON object)</label>
        <textarea id="variables" spellcheck="false">{}</textarea>
        <label class="pane" for="headers">Headers (JSON object, e.g. {"Authorization": "Bearer KEY"} for mutations)</label>
        <textarea id="headers" spellcheck="false">{}</textarea>
      </section>
      <section>
        <div id="status">Press Run to send the query.</div>
        <ul id="errors"></ul>
        <pre id="result"></pre>
      </section>
      <aside>
        <h2>History <button id="clear-history" title="Forget every entry">Clear</button></h2>
        <ol id="history"></ol>
      </aside>
    </main>
    <script>
    "use strict";
    const endpoint = window.location.pathname;
    const $ = id => document.getElementById(id);
    const editor = $("query"), popup = $("completions");
    const HISTORY_KEY = "flightql.console.history", HISTORY_LIMIT = 30;
    const EXAMPLE = `# One request, every store: flights from history (SQLite),
    # their live status (MongoDB, filled by \`flightql replay\`)
    # and the delay model's prediction.
    query FlightsWithStatusAndPrediction($carrier: String = "UA") {
      flights(filter: {carrier: $carrier, origin: "EWR", from: "2013-12-02T05:00:00Z"}, first: 3) {
        nodes {
          id
          flightNumber
          scheduledDeparture
          departureDelay
          carrier { name }
          destination { code name }
          statuses { state source updatedAt }
          prediction { probability delayed modelVersion }
        }
      }
    }
    `;

    // ---- Schema from introspection --------------------------------------------------------------------------

    const INTROSPECTION = `query ConsoleIntrospection { __schema {
      queryType { name } mutationType { name } subscriptionType { name }
      types { name kind
        fields(includeDeprecated: true) { name type { ...T } args { name type { ...T } } }
        inputFields { name type { ...T } }
        enumValues(includeDeprecated: true) { name } } } }
    fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

    let schema = null;  // { roots: {query, mutation, subscription}, types: Map(name -> type) }

    function typeName(ref) { while (ref && ref.ofType) ref = ref.ofType; return ref ? ref.name : null; }
    function typeText(ref) {
      if (ref.kind === "NON_NULL") return typeText(ref.ofType) + "!";
      if (ref.kind === "LIST") return "[" + typeText(ref.ofType) + "]";
      return ref.name;
    }

    async function loadSchema() {
      $("schema-status").textContent = "loading the schema…";
      try {
        const { body } = await post({ query: INTROSPECTION });
        if (!body || !body.data || !body.data.__schema) {
          const reason = body && body.errors ? body.errors.map(e => e.message).join("; ") : "no schema in the answer";
          throw new Error(reason);
        }
        const s = body.data.__schema;
        schema = {
          roots: { query: s.queryType && s.queryType.name, mutation: s.mutationType && s.mutationType.name,
                   subscription: s.subscriptionType && s.subscriptionType.name },
          types: new Map(s.types.map(t => [t.name, t])),
        };
        $("schema-status").textContent = `schema: ${s.types.length} types, completion ready`;
      } catch (error) {
        schema = null;
        $("schema-status").textContent = `no completion: introspection failed (${error.message})`;
      }
    }

    // ---- Tokenizer and selection path ----------------------------------------------------------------------

    /** GraphQL tokens of `text`: names, variables, numbers, strings and punctuators; comments and commas skipped. */
    function tokenize(text) {
      const tokens = [];
      let i = 0;
      while (i < text.length) {
        const c = text[i];
        if (c === "#") { while (i < text.length && text[i] !== "\n") i++; continue; }
        if (/[\s,\uFEFF]/.test(c)) { i++; continue; }
        const start = i;
        if (text.startsWith('"""', i)) {
          i += 3;
          while (i < text.length && !text.startsWith('"""', i)) i += text[i] === "\\" ? 2 : 1;
          i += 3; tokens.push({ kind: "string", start }); continue;
        }
        if (c === '"') {
          i++;
          while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
          i++; tokens.push({ kind: "string", start }); continue;
        }
        if (text.startsWith("...", i)) { i += 3; tokens.push({ kind: "punct", value: "...", start }); continue; }
        const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(text.slice(i, i + 256));
        if (name) { i += name[0].length; tokens.push({ kind: "name", value: name[0], start }); continue; }
        const number = /^-?[0-9][0-9.eE+-]*/.exec(text.slice(i, i + 64));
        if (number) { i += number[0].length; tokens.push({ kind: "number", start }); continue; }
        i++; tokens.push({ kind: "punct", value: c, start });
      }
      return tokens;
    }

    /**
     * What may be typed at the end of `text`: `{kind: "field", type}`, `{kind: "argument", field, given}`,
     * `{kind: "value", argType}`, `{kind: "typeCondition"}`, `{kind: "keyword"}` or `{kind: "none"}`.
     * A stack of selection sets follows the path: `{` after a field opens that field's type, `... on T {` and
     * `fragment F on T {` open T, an operation opens its root type.
     */
    function contextAt(text) {
      const tokens = tokenize(text);
      const stack = [];            // type names of the open selection sets (null when unknown)
      let pendingType;             // the type the next "{" opens
      let lastField = null;        // the field just named in the current selection set
      let args = null;             // inside a field's "(...)": {field, depth, expectName, given, current}
      let afterOn = false;
      let directive = 0;           // 1: after "@", 2: after a directive's name (its arguments may follow)
      const top = () => stack.length ? stack[stack.length - 1] : undefined;
      const fieldOf = (typeName, name) => {
        const type = schema.types.get(typeName);
        return type && type.fields ? type.fields.find(f => f.name === name) || null : null;
      };
      for (let k = 0; k < tokens.length; k++) {
        const t = tokens[k], next = tokens[k + 1];
        if (args) {
          if (t.value === "(" || t.value === "[" || t.value === "{") { args.depth++; continue; }
          if (t.value === ")" || t.value === "]" || t.value === "}") {
            args.depth--;
            if (args.depth === 0) { args = null; continue; }
            if (args.depth === 1) args.expectName = true;
            continue;
          }
          if (args.depth === 1) {
            if (t.value === ":") { args.expectName = false; continue; }
            if (args.expectName && t.kind === "name") { args.current = t.value; args.given.push(t.value); continue; }
            if (!args.expectName && t.value !== "$") args.expectName = true;
          }
          continue;
        }
        if (t.kind === "punct") {
          if (t.value === "{") {
            const opens = pendingType !== undefined ? pendingType
              : stack.length === 0 ? schema.roots.query : (lastField ? typeName(lastField.type) : null);
            stack.push(opens);
            pendingType = undefined; lastField = null; afterOn = false; continue;
          }
          if (t.value === "}") { stack.pop(); lastField = null; continue; }
          if (t.value === "(") {
            args = { field: stack.length && directive !== 2 ? lastField : null, depth: 1, expectName: true, given: [], current: null };
            directive = 0; continue;
          }
          directive = t.value === "@" ? 1 : 0;
          continue;
        }
        if (t.kind !== "name") continue;
        if (directive === 1) { directive = 2; continue; }  // the directive's name
        directive = 0;
        if (afterOn) { pendingType = t.value; afterOn = false; continue; }
        if (t.value === "on" && (stack.length === 0 || (tokens[k - 1] && tokens[k - 1].value === "..."))) {
          afterOn = true; continue;
        }
        if (stack.length === 0) {
          if (t.value === "query" || t.value === "mutation" || t.value === "subscription") {
            pendingType = schema.roots[t.value] || null;
          }
          continue;
        }
        if (tokens[k - 1] && tokens[k - 1].value === "...") continue;  // a fragment spread's name
        if (next && next.value === ":") { k++; continue; }              // an alias: the field name follows
        lastField = top() ? fieldOf(top(), t.value) : null;
      }
      if (args) {
        if (args.depth !== 1 || !args.field) return { kind: "none" };
        if (args.expectName) return { kind: "argument", field: args.field, given: args.given };
        const arg = args.field.args.find(a => a.name === args.current);
        return arg ? { kind: "value", argType: typeName(arg.type) } : { kind: "none" };
      }
      if (afterOn) return { kind: "typeCondition" };
      if (stack.length === 0) return { kind: "keyword" };
      return top() ? { kind: "field", type: top() } : { kind: "none" };
    }

    /** The completion items at the caret: [{label, detail}], filtered by the name being typed. */
    function completionsAt(text) {
      if (!schema) return { prefix: "", items: [] };
      const partial = /[_A-Za-z][_0-9A-Za-z]*$/.exec(text);
      const prefix = partial ? partial[0] : "";
      const context = contextAt(text.slice(0, text.length - prefix.length));
      let items = [];
      if (context.kind === "field") {
        const type = schema.types.get(context.type);
        if (type && type.fields) items = type.fields.map(f => ({ label: f.name, detail: typeText(f.type) }));
        if (type && type.kind !== "INPUT_OBJECT") items.push({ label: "__typename", detail: "String!" });
      } else if (context.kind === "argument") {
        items = context.field.args.filter(a => !context.given.includes(a.name) || a.name === prefix)
          .map(a => ({ label: a.name, detail: typeText(a.type) }));
      } else if (context.kind === "value") {
        const type = schema.types.get(context.argType);
        if (type && type.kind === "ENUM") items = type.enumValues.map(v => ({ label: v.name, detail: type.name }));
        if (context.argType === "Boolean") items = ["true", "false"].map(v => ({ label: v, detail: "Boolean" }));
      } else if (context.kind === "typeCondition") {
        items = [...schema.types.values()].filter(t => ["OBJECT", "INTERFACE", "UNION"].includes(t.kind)
          && !t.name.startsWith("__")).map(t => ({ label: t.name, detail: t.kind.toLowerCase() }));
      } else if (context.kind === "keyword") {
        items = ["query", "mutation", "fragment"].map(k => ({ label: k, detail: "keyword" }));
      }
      const lower = prefix.toLowerCase();
      items = items.filter(item => item.label.toLowerCase().startsWith(lower));
      return { prefix, items };
    }

    // ---- Completion popup -----------------------------------------------------------------------------------

    let completion = { items: [], index: 0, prefix: "" };

    function caretPixel() {
      // A hidden copy of the textarea's text up to the caret, laid out alike, tells where the caret is.
      const mirror = document.createElement("div");
      const style = getComputedStyle(editor);
      for (const p of ["fontFamily", "fontSize", "lineHeight", "paddingTop", "paddingLeft", "tabSize", "letterSpacing"]) {
        mirror.style[p] = style[p];
      }
      Object.assign(mirror.style, { position: "absolute", visibility: "hidden", whiteSpace: "pre", top: "0", left: "0" });
      mirror.textContent = editor.value.slice(0, editor.selectionStart);
      const marker = document.createElement("span");
      marker.textContent = "\u200b";
      mirror.appendChild(marker);
      $("query-wrap").appendChild(mirror);
      const position = { top: marker.offsetTop + marker.offsetHeight - editor.scrollTop,
                         left: marker.offsetLeft - editor.scrollLeft };
      mirror.remove();
      return position;
    }

    function showCompletions(explicit) {
      const { prefix, items } = completionsAt(editor.value.slice(0, editor.selectionStart));
      if (!items.length || (!explicit && items.length === 1 && items[0].label === prefix)) { hideCompletions(); return; }
      completion = { items, index: 0, prefix };
      popup.replaceChildren(...items.map((item, index) => {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.dataset.label = item.label;
        li.append(item.label);
        const detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = item.detail;
        li.append(detail);
        li.addEventListener("mousedown", event => { event.preventDefault(); acceptCompletion(index); });
        return li;
      }));
      const { top, left } = caretPixel();
      popup.style.top = Math.min(top + 2, editor.clientHeight - 20) + "px";
      popup.style.left = Math.max(0, left) + "px";
      popup.hidden = false;
      highlight(0);
    }

    function hideCompletions() { popup.hidden = true; completion.items = []; }

    function highlight(index) {
      completion.index = index;
      [...popup.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      const selected = popup.children[index];
      if (selected) selected.scrollIntoView({ block: "nearest" });
    }

    function acceptCompletion(index) {
      const item = completion.items[index];
      if (!item) return;
      const end = editor.selectionStart, start = end - completion.prefix.length;
      editor.setRangeText(item.label, start, end, "end");
      hideCompletions();
      editor.focus();
    }

    editor.addEventListener("input", event => {
      // Offer completions while a name is typed and where one may start: after "{", "(", ":" or ",".
      const typed = event.data || "", before = editor.value.slice(0, editor.selectionStart);
      if (/[_A-Za-z]$/.test(typed) || (typed && /[{(:,]\s*$/.test(before))) showCompletions(false);
      else if (!/[_0-9A-Za-z]$/.test(typed)) hideCompletions();
    });
    editor.addEventListener("keydown", event => {
      const open = !popup.hidden && completion.items.length > 0;
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); hideCompletions(); run(); return; }
      if (event.ctrlKey && (event.key === " " || event.code === "Space")) { event.preventDefault(); showCompletions(true); return; }
      if (!open) {
        if (event.key === "Tab") { event.preventDefault(); editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end"); }
        return;
      }
      const count = completion.items.length;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((completion.index + 1) % count); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((completion.index + count - 1) % count); }
      else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); acceptCompletion(completion.index); }
      else if (event.key === "Escape") { event.preventDefault(); hideCompletions(); }
    });
    editor.addEventListener("blur", () => setTimeout(hideCompletions, 150));
    editor.addEventListener("scroll", hideCompletions);

    // ---- Running a query ------------------------------------------------------------------------------------

    function parseObject(id, what) {
      const text = $(id).value.trim();
      if (!text) return {};
      let value;
      try { value = JSON.parse(text); } catch (error) { throw new Error(`${what} are not valid JSON: ${error.message}`); }
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${what} must be a JSON object`);
      return value;
    }

    async function post(payload) {
      const headers = parseObject("headers", "the headers");
      for (const [name, value] of Object.entries(headers)) {
        if (typeof value !== "string") throw new Error(`the header ${name} must be a string`);
      }
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json",
                   "Accept": "application/graphql-response+json, application/json;q=0.9" },
        body: JSON.stringify(payload),
      });
      const text = await response.text();
      let body = null;
      try { body = JSON.parse(text); } catch { body = null; }
      return { response, text, body };
    }

    async function run() {
      const query = editor.value;
      $("run").disabled = true;
      $("status").textContent = "running…";
      const started = performance.now();
      try {
        const variables = parseObject("variables", "the variables");
        const { response, text, body } = await post({ query, variables });
        const milliseconds = Math.round(performance.now() - started);
        $("status").textContent = `HTTP ${response.status} ${response.statusText} · ${milliseconds} ms`;
        showResult(body, text);
        remember(query, $("variables").value);
      } catch (error) {
        $("status").textContent = "not sent";
        showResult({ errors: [{ message: error.message }] }, "");
      } finally {
        $("run").disabled = false;
      }
    }

    function showResult(body, text) {
      const errors = body && Array.isArray(body.errors) ? body.errors : [];
      $("errors").replaceChildren(...errors.map(error => {
        const li = document.createElement("li");
        const where = (error.locations || []).map(l => `${l.line}:${l.column}`).join(", ");
        const path = error.path ? ` at ${error.path.join(".")}` : "";
        li.textContent = error.message + (where ? ` (${where})` : "") + path;
        return li;
      }));
      const result = $("result");
      result.classList.toggle("has-errors", errors.length > 0);
      result.replaceChildren();
      if (body === null) { result.textContent = text; return; }
      renderJSON(body, result, 0, false);
    }

    /** Appends `value` as indented JSON to `parent`, in coloured spans; the `errors` member is highlighted. */
    function renderJSON(value, parent, indent, isError) {
      const span = (cls, text) => { const s = document.createElement("span"); s.className = cls; s.textContent = text; return s; };
      const pad = "  ".repeat(indent + 1), close = "  ".repeat(indent);
      const target = isError ? span("j-err", "") : null;
      const out = target || parent;
      if (Array.isArray(value)) {
        if (!value.length) { out.append("[]"); }
        else {
          out.append("[\n");
          value.forEach((item, i) => { out.append(pad); renderJSON(item, out, indent + 1, false); out.append(i < value.length - 1 ? ",\n" : "\n"); });
          out.append(close + "]");
        }
      } else if (value !== null && typeof value === "object") {
        const keys = Object.keys(value);
        if (!keys.length) { out.append("{}"); }
        else {
          out.append("{\n");
          keys.forEach((key, i) => {
            const errorMember = indent === 0 && key === "errors";
            out.append(pad, span("j-key", JSON.stringify(key)), ": ");
            renderJSON(value[key], out, indent + 1, errorMember);
            out.append(i < keys.length - 1 ? ",\n" : "\n");
          });
          out.append(close + "}");
        }
      } else if (typeof value === "string") {
        out.append(span("j-str", JSON.stringify(value)));
      } else if (typeof value === "number") {
        out.append(span("j-num", String(value)));
      } else {
        out.append(span("j-lit", String(value)));
      }
      if (target) parent.append(target);
    }

    // ---- History --------------------------------------------------------------------------------------------

    function loadHistory() {
      try { const entries = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); return Array.isArray(entries) ? entries : []; }
      catch { return []; }
    }

    function remember(query, variables) {
      const entries = loadHistory().filter(e => e.query !== query || e.variables !== variables);
      entries.unshift({ query, variables, at: new Date().toISOString() });
      try { localStorage.setItem(HISTORY_KEY, JSON.stringify(entries.slice(0, HISTORY_LIMIT))); } catch { /* storage full or off */ }
      showHistory();
    }

    function showHistory() {
      $("history").replaceChildren(...loadHistory().map(entry => {
        const li = document.createElement("li");
        const time = document.createElement("time");
        time.textContent = new Date(entry.at).toLocaleString();
        li.append(time, entry.query.replace(/#[^\n]*/g, "").replace(/\s+/g, " ").trim());
        li.title = entry.query;
        li.addEventListener("click", () => { editor.value = entry.query; $("variables").value = entry.variables; editor.focus(); });
        return li;
      }));
    }

    $("clear-history").addEventListener("click", () => { localStorage.removeItem(HISTORY_KEY); showHistory(); });
    $("run").addEventListener("click", run);
    $("reload-schema").addEventListener("click", loadSchema);
    for (const id of ["variables", "headers"]) {
      $(id).addEventListener("keydown", event => {
        if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); run(); }
      });
    }

    const params = new URLSearchParams(window.location.search);
    editor.value = params.get("query") || EXAMPLE;
    if (params.get("variables")) $("variables").value = params.get("variables");
    showHistory();
    loadSchema();
    </script>
    </body>
    </html>
    """#
