// jiandu serve: the clerk's page. Talks to the same API as any platform (docs/api.md); no network besides
// this server, no library. Every text from an export is put in the page with textContent, never as HTML.
(function () {
  "use strict";

  var T = {
    zh: {
      title: "执法记录报送前自查",
      subtitle: "按监督计划和法律规定逐条检查导出的执法记录",
      profile: "检查依据（辖区年度画像）",
      profileAuto: "按导出头部自动识别",
      asOf: "检查基准日",
      units: "只看本单位",
      unitsPh: "单位编号，如 U-SJ",
      asOfHint: "基准日留空时取导出的生成时间；单位留空时检查全部单位。",
      token: "访问令牌",
      tokenPh: "向管理员索取",
      dropTitle: "把导出文件拖到这里",
      dropOr: "或",
      dropPick: "选择文件",
      dropHint: "可读取 {ext}；多个文件合起来算一次导出，最大 {max}",
      run: "开始检查",
      rerun: "重新检查",
      privacy: "文件只用于本次检查，检查结束即从服务器删除。",
      downloads: "下载结果",
      dlXlsx: "整改清单（Excel）",
      dlXlsxHint: "每个单位一张表，填写责任人和整改情况",
      dlHtml: "检查报告（HTML）",
      dlHtmlHint: "可离线打开、打印或转发",
      dlJson: "检查结果（JSON）",
      dlJsonHint: "供平台和系统对接",
      dlMissing: "此服务器版本暂不提供：{f}",
      dlIncomplete: "有文件没有读出记录，检查不完整：改正后重新检查，再下载。",
      introTitle: "三步完成报送前自查",
      step1: "选择检查依据",
      step1d: "本辖区本年度的监督计划；不确定时选“按导出头部自动识别”。",
      step2: "放入导出文件",
      step2d: "一个单位或全辖区的导出，可以一次放入多个文件（JSON、NDJSON、CSV、Excel）。",
      step3: "查看问题并整改",
      step3d: "问题按单位和规则分组，注明依据条款和记录位置；下载整改清单分发给责任人。",
      sRecords: "记录",
      sFindings: "问题",
      sError: "错误",
      sWarning: "警告",
      sInfo: "提示",
      sUnits: "涉及单位",
      metaProfile: "依据：{p}",
      metaAsOf: "基准：{d}",
      kpiTitle: "考核指标",
      kpiHint: "比率（分子/分母），竖线为计划规定的最低要求；红色为未达标",
      kName: "指标",
      kMin: "最低要求",
      kJurisdiction: "全辖区",
      kEmpty: "没有可计算的记录",
      kNone: "—",
      clean: "未发现问题，可以报送。",
      allUnits: "全部单位",
      allRules: "全部规则",
      search: "搜索记录编号或问题",
      collapseAll: "全部收起",
      expandAll: "全部展开",
      shown: "显示 {n} / {t} 条",
      exportWide: "全辖区（导出整体）",
      items: "{n} 条",
      colRecord: "记录",
      colProblem: "问题",
      colWhere: "位置",
      sources: "依据：",
      showMore: "再显示 {n} 条",
      uploading: "正在上传 {p}%",
      checking: "正在检查…",
      done: "检查完成，用时 {s} 秒",
      failed: "检查未完成",
      fileErrors: "以下文件没有读出记录，检查不完整。请按提示改正后重新检查：",
      needToken: "此服务器需要访问令牌：请在左侧填写管理员提供的令牌。",
      netError: "无法连接服务器，请检查网络后重试。",
      tooMany: "服务器正忙，请稍后再试。",
      sheetLoc: "工作表“{s}” 第 {r} 行 {c} 列",
      lineLoc: "第 {l} 行",
      field: "字段 {p}",
      value: "值：{v}",
      removeFile: "移除",
      noFiles: "请先放入导出文件。",
      downloading: "正在生成…",
      rate: "{r}",
      sevName: { error: "错误", warning: "警告", info: "提示" }
    },
    en: {
      title: "Pre-submission check of enforcement records",
      subtitle: "Checks an export against the supervision plan and the law, rule by rule",
      profile: "Profile (jurisdiction and year)",
      profileAuto: "From the export header",
      asOf: "As-of date",
      units: "Only my unit(s)",
      unitsPh: "unit id, e.g. U-SJ",
      asOfHint: "Empty as-of: the export's generated_at. Empty unit: every unit.",
      token: "Access token",
      tokenPh: "ask the operator",
      dropTitle: "Drop export files here",
      dropOr: "or",
      dropPick: "choose files",
      dropHint: "Reads {ext}; several files make one export, up to {max}",
      run: "Check",
      rerun: "Check again",
      privacy: "Files are used for this check only and deleted from the server when it ends.",
      downloads: "Downloads",
      dlXlsx: "Rectification list (Excel)",
      dlXlsxHint: "one sheet per unit, with owner and status columns",
      dlHtml: "Report (HTML)",
      dlHtmlHint: "opens offline, prints, forwards",
      dlJson: "Result (JSON)",
      dlJsonHint: "for platforms and systems",
      dlMissing: "not in this server's version: {f}",
      dlIncomplete: "A file yielded no records, so the check is incomplete: fix it, check again, then download.",
      introTitle: "A pre-submission check in three steps",
      step1: "Choose the profile",
      step1d: "Your jurisdiction's plan for the year; when unsure, take “From the export header”.",
      step2: "Add the export files",
      step2d: "One unit's or the whole jurisdiction's export, several files at once (JSON, NDJSON, CSV, Excel).",
      step3: "Read the findings and fix them",
      step3d: "Grouped by unit and rule, with the clause and where the record is; download the rectification list.",
      sRecords: "Records",
      sFindings: "Findings",
      sError: "Errors",
      sWarning: "Warnings",
      sInfo: "Info",
      sUnits: "Units",
      metaProfile: "Profile: {p}",
      metaAsOf: "As of: {d}",
      kpiTitle: "Indicators",
      kpiHint: "rate (numerator/denominator); the tick is the plan's minimum; red is below it",
      kName: "Indicator",
      kMin: "Minimum",
      kJurisdiction: "Jurisdiction",
      kEmpty: "nothing to count",
      kNone: "—",
      clean: "No findings: ready to submit.",
      allUnits: "All units",
      allRules: "All rules",
      search: "Search record id or message",
      collapseAll: "Collapse all",
      expandAll: "Expand all",
      shown: "showing {n} of {t}",
      exportWide: "Export-wide",
      items: "{n}",
      colRecord: "Record",
      colProblem: "Finding",
      colWhere: "Where",
      sources: "Sources: ",
      showMore: "show {n} more",
      uploading: "Uploading {p}%",
      checking: "Checking…",
      done: "Done in {s} s",
      failed: "The check did not finish",
      fileErrors: "These files yielded no records, so the check is incomplete. Fix them and check again:",
      needToken: "This server needs an access token: enter the one the operator gave you.",
      netError: "Cannot reach the server; check the network and try again.",
      tooMany: "The server is busy; try again in a moment.",
      sheetLoc: "sheet “{s}”, row {r}, column {c}",
      lineLoc: "line {l}",
      field: "field {p}",
      value: "value: {v}",
      removeFile: "remove",
      noFiles: "Add the export files first.",
      downloading: "preparing…",
      rate: "{r}",
      sevName: { error: "error", warning: "warning", info: "info" }
    }
  };

  var SEVS = ["error", "warning", "info"];
  var ROWS_PER_RULE = 200;

  var state = {
    lang: "zh",
    info: null,
    profiles: [],
    rules: {},
    files: [],
    result: null,
    params: null,
    sev: { error: true, warning: true, info: true },
    collapsed: false,
    progress: null
  };

  function $(id) { return document.getElementById(id); }
  function t(key, vars) {
    var s = T[state.lang][key];
    if (s === undefined) s = T.zh[key];
    if (vars && typeof s === "string") {
      s = s.replace(/\{(\w+)\}/g, function (_, k) { return vars[k] === undefined ? "" : String(vars[k]); });
    }
    return s;
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (k === "text") e.textContent = attrs[k];
        else if (k === "class") e.className = attrs[k];
        else e.setAttribute(k, attrs[k]);
      }
    }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function fmtBytes(n) {
    function f(x) { return String(Number(x.toFixed(1))); }
    if (n >= 1 << 30) return f(n / (1 << 30)) + " GB";
    if (n >= 1 << 20) return f(n / (1 << 20)) + " MB";
    if (n >= 1 << 10) return (n / (1 << 10)).toFixed(0) + " KB";
    return n + " B";
  }

  // ---- language ----
  function applyLang(lang) {
    state.lang = lang;
    try { localStorage.setItem("jiandu.lang", lang); } catch (e) { /* private mode */ }
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("title") + " · jiandu";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-ph]").forEach(function (n) { n.placeholder = t(n.getAttribute("data-i18n-ph")); });
    document.querySelectorAll(".lang button").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.lang === lang)); });
    renderProfiles();
    renderDropHint();
    renderDownloads();
    if (state.progress) setProgress(state.progress.pct, state.progress.key, state.progress.vars, state.progress.busy);
    if (state.result) { $("run").textContent = t("rerun"); fillFilterOptions(); renderResult(); }
    $("toggle-all").textContent = state.collapsed ? t("expandAll") : t("collapseAll");
  }

  // ---- API ----
  function headers() {
    var h = {};
    var tok = $("token").value.trim();
    if (tok) h["Authorization"] = "Bearer " + tok;
    return h;
  }
  function getJSON(path) {
    return fetch(path, { headers: headers() }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { var e = new Error(body.error || r.statusText); e.status = r.status; throw e; }
        return body;
      });
    });
  }
  function loadCatalogue() {
    return Promise.all([getJSON("v1/profiles"), getJSON("v1/rules")]).then(function (res) {
      state.profiles = res[0];
      state.rules = {};
      res[1].forEach(function (r) { state.rules[r.id] = r; });
      renderProfiles();
      hideAlert();
    }).catch(function (e) {
      if (e.status === 401) { $("token-row").hidden = false; showAlert(t("needToken")); }
      else showAlert(e.message);
    });
  }

  function renderProfiles() {
    var sel = $("profile");
    var keep = sel.value || (state.info && state.info.default_profile) || "";
    sel.textContent = "";
    sel.appendChild(el("option", { value: "", text: t("profileAuto") }));
    state.profiles.forEach(function (p) {
      var name = state.lang === "en" && p.name_en ? p.name_en : p.name;
      sel.appendChild(el("option", { value: p.id, text: p.id + " · " + name }));
    });
    sel.value = keep;
    if (sel.value !== keep) sel.value = "";
    renderProfileDoc();
  }
  function renderProfileDoc() {
    var p = state.profiles.find(function (x) { return x.id === $("profile").value; });
    $("profile-doc").textContent = p ? (p.rules.length + (state.lang === "en" ? " rules" : " 条规则") + (p.document ? " · " + p.document : "")) : "";
  }
  function renderDropHint() {
    if (!state.info) return;
    $("drop-hint").textContent = t("dropHint", { ext: state.info.extensions.join(" "), max: fmtBytes(state.info.max_body) });
    $("files").accept = state.info.extensions.join(",");
  }

  // ---- files ----
  function addFiles(list) {
    Array.prototype.forEach.call(list, function (f) {
      state.files = state.files.filter(function (g) { return g.name !== f.name; });
      state.files.push(f);
    });
    renderFiles();
  }
  function renderFiles() {
    var ul = $("file-list");
    ul.textContent = "";
    state.files.forEach(function (f, i) {
      var rm = el("button", { type: "button", title: t("removeFile"), "aria-label": t("removeFile") + " " + f.name, text: "×" });
      rm.addEventListener("click", function () { state.files.splice(i, 1); renderFiles(); });
      ul.appendChild(el("li", null, [el("span", { class: "name", text: f.name, title: f.name }), el("span", { class: "size", text: fmtBytes(f.size) }), rm]));
    });
    $("run").disabled = state.files.length === 0;
  }

  // ---- scan ----
  function currentParams() {
    return { profile: $("profile").value, as_of: $("as-of").value, unit: $("units").value.trim() };
  }
  // buildForm is one scan request; a download repeats the shown scan, so it stays out of --history.
  function buildForm(params, files, format, again) {
    var fd = new FormData();
    if (again) fd.append("record", "false");
    if (params.profile) fd.append("profile", params.profile);
    if (params.as_of) fd.append("as_of", params.as_of);
    if (params.unit) fd.append("unit", params.unit);
    fd.append("format", format);
    fd.append("lang", state.lang);
    files.forEach(function (f) { fd.append("file", f, f.name); });
    return fd;
  }
  // setProgress shows the bar and a message (a key of T with its values, re-translated on a switch).
  function setProgress(pct, key, vars, busy) {
    state.progress = { pct: pct, key: key, vars: vars, busy: busy };
    var p = $("progress");
    p.hidden = false;
    p.classList.toggle("busy", !!busy);
    p.querySelector("i").style.width = pct + "%";
    $("progress-text").textContent = t(key, vars);
  }

  function runScan(ev) {
    if (ev) ev.preventDefault();
    if (!state.files.length) { showAlert(t("noFiles")); return; }
    var params = currentParams();
    var files = state.files.slice(); // what this result is of: the downloads send these again
    var xhr = new XMLHttpRequest();
    var started = Date.now();
    xhr.open("POST", "v1/scan");
    var h = headers();
    for (var k in h) xhr.setRequestHeader(k, h[k]);
    xhr.responseType = "json";
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) setProgress(Math.round(e.loaded * 100 / e.total), "uploading", { p: Math.round(e.loaded * 100 / e.total) });
    };
    xhr.upload.onload = function () { setProgress(100, "checking", null, true); };
    xhr.onerror = function () { done(); showAlert(t("netError")); };
    xhr.onload = function () {
      done();
      var body = xhr.response || {};
      if (xhr.status === 200) {
        hideAlert();
        show(body, params, files);
        setProgress(100, "done", { s: ((Date.now() - started) / 1000).toFixed(1) });
      } else if (xhr.status === 422 && body.result) {
        show(body.result, params, files);
        showFileErrors(body.errors || []);
        setProgress(100, "failed");
      } else if (xhr.status === 401) {
        $("token-row").hidden = false;
        $("token").focus();
        showAlert(t("needToken"));
      } else if (xhr.status === 429) {
        showAlert(t("tooMany") + " " + (body.error || ""));
      } else {
        showAlert(body.error || (t("failed") + " (HTTP " + xhr.status + ")"));
        $("progress").hidden = true;
      }
    };
    $("run").disabled = true;
    setProgress(0, "uploading", { p: 0 });
    xhr.send(buildForm(params, files, "json"));
    function done() { $("run").disabled = state.files.length === 0; }
  }

  function show(result, params, files) {
    state.result = result;
    state.params = params;
    state.scanned = files;
    $("intro").hidden = true;
    $("report").hidden = false;
    $("downloads").hidden = false;
    $("run").textContent = t("rerun");
    fillFilterOptions();
    renderResult();
    renderDownloads();
    $("results").scrollTop = 0;
  }

  // ---- downloads: the same files posted again with another format ----
  function renderDownloads() {
    if (!state.info) return;
    var missing = [];
    var incomplete = !!(state.result && state.result.errors && state.result.errors.length);
    document.querySelectorAll(".dl").forEach(function (b) {
      var ok = state.info.formats.indexOf(b.dataset.format) >= 0;
      b.disabled = !ok || !state.result || incomplete;
      if (!ok) missing.push(b.dataset.format);
    });
    $("dl-note").textContent = incomplete ? t("dlIncomplete") : (missing.length ? t("dlMissing", { f: missing.join(", ") }) : "");
  }
  function download(format, button) {
    if (!state.params || !state.scanned || !state.scanned.length) return;
    button.classList.add("busy");
    button.disabled = true;
    fetch("v1/scan", { method: "POST", headers: headers(), body: buildForm(state.params, state.scanned, format, true) }).then(function (r) {
      if (!r.ok) return r.json().then(function (b) { throw new Error(b.error || r.statusText); });
      return r.blob().then(function (blob) {
        var stem = state.result ? state.result.profile + "-" + (state.result.as_of || "").slice(0, 10) : "jiandu";
        var names = { xlsx: (state.lang === "zh" ? "整改清单-" : "rectification-") + stem + ".xlsx", html: (state.lang === "zh" ? "检查报告-" : "report-") + stem + ".html", json: "jiandu-" + stem + ".json" };
        var a = el("a", { href: URL.createObjectURL(blob), download: names[format] || ("jiandu-" + stem + "." + format) });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 5000);
      });
    }).catch(function (e) { showAlert(e.message); }).then(function () {
      button.classList.remove("busy");
      button.disabled = false;
    });
  }

  // ---- result ----
  function ruleTitle(id) {
    var r = state.rules[id];
    if (!r) return "";
    return state.lang === "en" && r.title_en ? r.title_en : r.title;
  }
  function message(f) { return state.lang === "en" && f.message_en ? f.message_en : f.message; }
  function unitName(u) {
    var units = (state.result && state.result.summary.units) || [];
    for (var i = 0; i < units.length; i++) if (units[i].id === u) return units[i].name || "";
    return "";
  }
  function unitLabel(u) { return u ? (unitName(u) ? u + " " + unitName(u) : u) : t("exportWide"); }

  function fillFilterOptions() {
    var res = state.result;
    var units = [], rules = [];
    res.findings.forEach(function (f) {
      if (units.indexOf(f.unit || "") < 0) units.push(f.unit || "");
      if (rules.indexOf(f.rule) < 0) rules.push(f.rule);
    });
    rules.sort();
    var fu = $("f-unit"), fr = $("f-rule");
    var keepU = fu.value, keepR = fr.value;
    fu.textContent = "";
    fr.textContent = "";
    fu.appendChild(el("option", { value: "*", text: t("allUnits") }));
    units.forEach(function (u) { fu.appendChild(el("option", { value: u, text: unitLabel(u) + " (" + res.findings.filter(function (f) { return (f.unit || "") === u; }).length + ")" })); });
    fr.appendChild(el("option", { value: "*", text: t("allRules") }));
    rules.forEach(function (r) { fr.appendChild(el("option", { value: r, text: r + " " + ruleTitle(r) })); });
    fu.value = keepU || "*";
    if (fu.value !== (keepU || "*")) fu.value = "*";
    fr.value = keepR || "*";
    if (fr.value !== (keepR || "*")) fr.value = "*";
  }

  function filtered() {
    var fu = $("f-unit").value || "*", fr = $("f-rule").value || "*";
    var q = $("f-text").value.trim().toLowerCase();
    return state.result.findings.filter(function (f) {
      if (!state.sev[f.severity] && SEVS.indexOf(f.severity) >= 0) return false;
      if (fu !== "*" && (f.unit || "") !== fu) return false;
      if (fr !== "*" && f.rule !== fr) return false;
      if (q) {
        var hay = [f.record, f.rule, f.message, f.message_en, f.unit, f.location ? f.location.cell || f.location.file : ""].join(" ").toLowerCase();
        if (hay.indexOf(q) < 0) return false;
      }
      return true;
    });
  }

  function renderResult() {
    var res = state.result;
    var fs = res.findings;
    var bySev = { error: 0, warning: 0, info: 0 };
    fs.forEach(function (f) { if (bySev[f.severity] !== undefined) bySev[f.severity]++; });
    $("n-records").textContent = res.summary.records;
    $("n-findings").textContent = fs.length;
    SEVS.forEach(function (s) {
      $("n-" + s).textContent = bySev[s];
      document.querySelector('.chip[data-sev="' + s + '"] b').textContent = bySev[s];
    });
    $("n-units").textContent = Object.keys(res.summary.by_unit || {}).length;
    $("n-units").title = (res.summary.units || []).map(function (u) { return u.id + " " + (u.name || ""); }).join("\n");
    var prof = state.profiles.find(function (p) { return p.id === res.profile; });
    var profName = prof ? (state.lang === "en" && prof.name_en ? prof.name_en : prof.name) : "";
    $("meta-profile").textContent = t("metaProfile", { p: res.profile + (profName ? " " + profName : "") });
    $("meta-profile").title = profName;
    $("meta-asof").textContent = t("metaAsOf", { d: (res.as_of || "").replace("T", " ").replace(/\+08:00$/, "") });
    $("clean").hidden = fs.length !== 0;
    $("filters").hidden = fs.length === 0;
    renderKPIs(res.summary.kpis || []);
    renderGroups();
  }

  // KPI rates (summary.kpis): one row per indicator, one column for the jurisdiction and one per unit,
  // each rate against the profile's minimum where the plan sets one.
  function pct(x) { return (Math.round(x * 1000) / 10) + "%"; }
  function renderKPIs(kpis) {
    var sec = $("kpis");
    kpis = kpis.filter(function (k) { return k && typeof k === "object" && k.id; });
    sec.hidden = !kpis.length;
    if (!kpis.length) return;
    var cols = [""], rows = [], cell = {}, meta = {};
    kpis.forEach(function (k) {
      var col = k.scope === "unit" ? (k.unit || "") : "";
      if (cols.indexOf(col) < 0) cols.push(col);
      if (!meta[k.id]) { meta[k.id] = k; rows.push(k.id); }
      if (k.scope !== "unit" && k.min !== null && k.min !== undefined) meta[k.id] = k;
      cell[k.id + "\u0000" + col] = k;
    });
    var units = cols.slice(1).sort();
    cols = [""].concat(units);
    var table = $("kpi-table");
    table.textContent = "";
    var head = el("tr", null, [el("th", { text: t("kName") }), el("th", { text: t("kMin") })]);
    cols.forEach(function (c) {
      head.appendChild(el("th", { text: c === "" ? t("kJurisdiction") : c, title: c === "" ? "" : unitName(c) }));
    });
    table.appendChild(el("thead", null, [head]));
    var tb = el("tbody");
    rows.forEach(function (id) {
      var m = meta[id];
      var min = typeof m.min === "number" ? m.min : null;
      var tr = el("tr", { "data-kpi": id }, [
        el("td", { class: "kname", text: (state.lang === "en" && m.title_en ? m.title_en : m.title) || id }),
        el("td", { class: "kmin", text: min === null ? t("kNone") : "≥ " + pct(min) })
      ]);
      cols.forEach(function (c) {
        var k = cell[id + "\u0000" + c];
        if (!k || !k.denominator) { tr.appendChild(el("td", { class: "kcell none", text: t("kNone"), title: k ? t("kEmpty") : "" })); return; }
        var cls = "kcell" + (k.met === true ? " ok" : k.met === false ? " low" : "");
        var meter = null;
        if (c === "") { // the jurisdiction's rate gets a bar with the minimum marked; units' the figures
          meter = el("span", { class: "meter" });
          var bar = el("i");
          bar.style.width = Math.max(0, Math.min(100, k.rate * 100)) + "%"; // CSSOM: allowed by the CSP, unlike style=""
          meter.appendChild(bar);
          if (typeof k.min === "number") {
            var mark = el("em");
            mark.style.left = Math.min(100, k.min * 100) + "%";
            meter.appendChild(mark);
          }
        }
        tr.appendChild(el("td", { class: cls, title: k.numerator + " / " + k.denominator + (typeof k.min === "number" ? "  (≥ " + pct(k.min) + ")" : "") }, [
          el("b", { text: pct(k.rate) }), el("small", { text: k.numerator + "/" + k.denominator }), meter
        ]));
      });
      tb.appendChild(tr);
    });
    table.appendChild(tb);
  }

  function renderGroups() {
    var box = $("groups");
    box.textContent = "";
    var fs = filtered();
    $("shown").textContent = t("shown", { n: fs.length, t: state.result.findings.length });
    var units = [], byUnit = {};
    fs.forEach(function (f) {
      var u = f.unit || "";
      if (!byUnit[u]) { byUnit[u] = []; units.push(u); }
      byUnit[u].push(f);
    });
    units.sort(function (a, b) { return a === "" ? 1 : b === "" ? -1 : (a < b ? -1 : a > b ? 1 : 0); });
    units.forEach(function (u) {
      var list = byUnit[u];
      var sev = { error: 0, warning: 0, info: 0 };
      list.forEach(function (f) { if (sev[f.severity] !== undefined) sev[f.severity]++; });
      var summary = el("summary", null, [
        el("span", { class: "unit-name", text: unitLabel(u) }),
        el("span", { class: "total", text: t("items", { n: list.length }) })
      ]);
      SEVS.forEach(function (s) { if (sev[s]) summary.appendChild(el("span", { class: "pill " + s, text: t("sevName")[s] + " " + sev[s] })); });
      var det = el("details", { class: "unit", "data-unit": u, "data-count": String(list.length) }, [summary]);
      if (!state.collapsed) det.open = true;
      var rules = [], byRule = {};
      list.forEach(function (f) {
        if (!byRule[f.rule]) { byRule[f.rule] = []; rules.push(f.rule); }
        byRule[f.rule].push(f);
      });
      rules.sort(function (a, b) {
        var sa = worst(byRule[a]), sb = worst(byRule[b]);
        return sa !== sb ? sa - sb : (a < b ? -1 : 1);
      });
      rules.forEach(function (r) { det.appendChild(ruleBlock(r, byRule[r])); });
      box.appendChild(det);
    });
  }
  function worst(list) {
    var w = 3;
    list.forEach(function (f) { var i = SEVS.indexOf(f.severity); if (i >= 0 && i < w) w = i; });
    return w;
  }

  function ruleBlock(rule, list) {
    var sev = SEVS[worst(list)] || "info";
    var sources = [];
    list.forEach(function (f) { (f.sources || []).forEach(function (s) { if (sources.indexOf(s) < 0) sources.push(s); }); });
    var head = el("div", { class: "rule-head" }, [
      el("span", { class: "pill " + sev, text: t("sevName")[sev] }),
      el("code", { text: rule }),
      el("span", { class: "rtitle", text: ruleTitle(rule) }),
      el("span", { class: "n", text: t("items", { n: list.length }) })
    ]);
    var clauses = el("div", { class: "clauses" }, [t("sources")]);
    sources.forEach(function (s, i) {
      if (i) clauses.appendChild(document.createTextNode("；"));
      clauses.appendChild(el("b", { text: s }));
    });
    var table = el("table", { class: "findings" }, [
      el("colgroup", null, [el("col", { class: "c-rec" }), el("col", { class: "c-msg" }), el("col", { class: "c-loc" })]),
      el("thead", null, [el("tr", null, [el("th", { text: t("colRecord") }), el("th", { text: t("colProblem") }), el("th", { text: t("colWhere") })])])
    ]);
    var tbody = el("tbody");
    table.appendChild(tbody);
    var block = el("div", { class: "rule", "data-rule": rule, "data-count": String(list.length) }, [head, sources.length ? clauses : null, table]);
    var shown = 0;
    function more() {
      var next = list.slice(shown, shown + ROWS_PER_RULE);
      next.forEach(function (f) { tbody.appendChild(findingRow(f)); });
      shown += next.length;
      var old = block.querySelector(".more");
      if (old) old.remove();
      if (shown < list.length) {
        var b = el("button", { type: "button", class: "link more", text: t("showMore", { n: Math.min(ROWS_PER_RULE, list.length - shown) }) });
        b.addEventListener("click", more);
        block.appendChild(b);
      }
    }
    more();
    return block;
  }

  function findingRow(f) {
    var tr = el("tr", { class: "finding sev-" + f.severity, "data-id": f.id }, [
      el("td", { class: "rec", text: f.record === "export" ? "—" : f.record }),
      el("td", { class: "msg", text: message(f) }),
      locationCell(f)
    ]);
    return tr;
  }

  function locationCell(f) {
    var td = el("td", { class: "loc" });
    var l = f.location;
    if (l) {
      if (l.sheet || l.cell) {
        if (l.cell) td.appendChild(el("span", { class: "cell", text: l.cell }));
        td.appendChild(el("div", { text: t("sheetLoc", { s: l.sheet || "", r: l.row || "", c: l.column || "" }) }));
        if (l.file) td.appendChild(el("div", { text: l.file }));
      } else if (l.line) {
        td.appendChild(el("div", { text: l.file + " · " + t("lineLoc", { l: l.line }) }));
      } else {
        td.appendChild(el("div", { text: l.file + (l.pointer ? " #" + l.pointer : "") }));
      }
    }
    var d = f.detail || {};
    if (f.rule === "DATA-01") {
      if (d.path && d.path !== "/") td.appendChild(el("div", { text: t("field", { p: d.path }) }));
      if (d.value !== undefined && d.value !== "") td.appendChild(el("span", { class: "val", text: t("value", { v: typeof d.value === "string" ? d.value : JSON.stringify(d.value) }) }));
    }
    return td;
  }

  // ---- alerts ----
  function showAlert(msg) {
    var a = $("alert");
    a.textContent = msg;
    a.hidden = false;
  }
  function showFileErrors(errs) {
    var a = $("alert");
    a.textContent = "";
    a.appendChild(el("b", { text: t("fileErrors") }));
    var ul = el("ul");
    errs.forEach(function (e) { ul.appendChild(el("li", null, [el("b", { text: e.file + "：" }), e.message])); });
    a.appendChild(ul);
    a.hidden = false;
  }
  function hideAlert() { $("alert").hidden = true; }

  // ---- wiring ----
  function init() {
    var saved = null;
    try { saved = localStorage.getItem("jiandu.lang"); } catch (e) { /* private mode */ }
    try { $("token").value = sessionStorage.getItem("jiandu.token") || ""; } catch (e) { /* private mode */ }
    document.querySelectorAll(".lang button").forEach(function (b) { b.addEventListener("click", function () { applyLang(b.dataset.lang); }); });
    var drop = $("drop"), input = $("files");
    $("pick").addEventListener("click", function (e) { e.stopPropagation(); input.click(); });
    drop.addEventListener("click", function () { input.click(); });
    drop.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); } });
    input.addEventListener("change", function () { addFiles(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach(function (n) { drop.addEventListener(n, function (e) { e.preventDefault(); drop.classList.add("over"); }); });
    ["dragleave", "dragend"].forEach(function (n) { drop.addEventListener(n, function () { drop.classList.remove("over"); }); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files) addFiles(e.dataTransfer.files);
    });
    // a file dropped beside the zone must not make the browser navigate away from the page
    window.addEventListener("dragover", function (e) { e.preventDefault(); });
    window.addEventListener("drop", function (e) { e.preventDefault(); });
    $("scan-form").addEventListener("submit", runScan);
    $("profile").addEventListener("change", renderProfileDoc);
    $("token").addEventListener("change", function () {
      try { sessionStorage.setItem("jiandu.token", $("token").value.trim()); } catch (e) { /* private mode */ }
      loadCatalogue();
    });
    document.querySelectorAll(".chip").forEach(function (c) {
      c.addEventListener("click", function () {
        state.sev[c.dataset.sev] = !state.sev[c.dataset.sev];
        c.setAttribute("aria-pressed", String(state.sev[c.dataset.sev]));
        renderGroups();
      });
    });
    ["f-unit", "f-rule"].forEach(function (id) { $(id).addEventListener("change", renderGroups); });
    var timer = null;
    $("f-text").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(renderGroups, 150); });
    $("toggle-all").addEventListener("click", function () {
      state.collapsed = !state.collapsed;
      document.querySelectorAll("details.unit").forEach(function (d) { d.open = !state.collapsed; });
      $("toggle-all").textContent = state.collapsed ? t("expandAll") : t("collapseAll");
    });
    document.querySelectorAll(".dl").forEach(function (b) { b.addEventListener("click", function () { download(b.dataset.format, b); }); });

    applyLang(saved === "en" ? "en" : "zh");
    getJSON("v1/info").then(function (info) {
      state.info = info;
      $("version").textContent = "jiandu " + info.version;
      if (info.auth_required) $("token-row").hidden = false;
      renderDropHint();
      renderDownloads();
      return loadCatalogue();
    }).catch(function (e) { showAlert(e.message || t("netError")); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
