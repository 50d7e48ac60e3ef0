package report

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/jiandu/jiandu/internal/explain"
	"github.com/jiandu/jiandu/internal/findings"
)

// HTML is the one-page report for a county leader: one self-contained file (inline CSS, SVG charts drawn
// here, vanilla inline JavaScript; nothing fetched over the network) with the totals, the
// jurisdiction's KPI rates against their minimums and each unit's, findings by unit and by rule as bar
// charts, a sortable and filterable findings table, the waivers, what the baseline found resolved, and
// each rule's clause text. Chinese, or English with --lang en.
type HTML struct{}

type htmlView struct {
	Lang, Title, Sub, Version, AsOf string
	L                               map[string]string
	Cards                           []htmlCard
	KPIs                            []htmlKPI
	KPIHeight                       int
	Matrix                          htmlMatrix
	UnitChart, RuleChart            htmlChart
	Findings                        []htmlFinding
	Units, Rules                    []htmlOption
	Severities                      []htmlOption
	Baseline                        bool
	Waivers                         []htmlWaiver
	Resolved                        []htmlFinding
	RuleDocs, OtherRules            []htmlRule
	Errors                          []string
}

type htmlCard struct {
	Label, Class string
	Value        int
}

type htmlKPI struct {
	ID, Title, Rate, Count, Min, Verdict, Class, Source string
	Y, TextY, Width, MinX, MinTop, MinBottom            int
	HasMin                                              bool
}

type htmlMatrix struct {
	Cols []string
	Rows []htmlMatrixRow
}

type htmlMatrixRow struct {
	Unit  string
	Cells []htmlCell
}

type htmlCell struct{ Text, Class, Title string }

type htmlChart struct {
	ID, Title     string
	Width, Height int
	Bars          []htmlBar
}

type htmlBar struct {
	Key, Label         string
	Value, Y, TextY    int
	LabelX, ValueX     int
	Segments           []htmlSegment
	Tooltip, FilterKey string
}

type htmlSegment struct {
	Class      string
	X, Y, W, H int
	Value      int
}

type htmlFinding struct {
	ID, Severity, SeverityLabel, Rule, RuleTitle, Unit, UnitLabel, Record, Location string
	Message, Waived, Status, StatusLabel                                            string
	Rank                                                                            int
	Sources                                                                         []string
	Explain                                                                         []explain.Section
}

type htmlOption struct{ Value, Label string }

type htmlWaiver struct {
	Target, Reason, By, Expires, Status, StatusLabel, Source string
	Count                                                    int
}

type htmlRule struct {
	ID, Title, Severity, Description string
	Sources                          []string
	Count                            int
}

const (
	chartLabelW = 250
	chartBarW   = 440
	chartRowH   = 26
)

func (HTML) Write(w io.Writer, r *findings.Result, c Context) error {
	return htmlTemplate.Execute(w, buildHTMLView(r, c))
}

func buildHTMLView(r *findings.Result, c Context) htmlView {
	wd := wordsOf(c)
	v := htmlView{
		Lang:    wd.t("zh-CN", "en"),
		Title:   wd.t("jiandu 行政执法监督检查报告", "jiandu enforcement supervision report"),
		Sub:     c.profileTitle(r.Profile),
		Version: r.Tool.Version,
		AsOf:    r.AsOf,
		L: map[string]string{
			"profile": wd.t("画像", "Profile"), "asOf": wd.t("检查基准时间", "As of"),
			"kpis": wd.t("考核指标", "KPI rates"), "kpiUnits": wd.t("各单位考核指标", "KPI rates by unit"),
			"charts": wd.t("问题分布", "Where the findings are"), "findings": wd.t("问题清单", "Findings"),
			"filter": wd.t("筛选：规则、单位、记录、问题…", "Filter: rule, unit, record, text…"),
			"allSev": wd.t("全部严重程度", "All severities"), "allUnits": wd.t("全部单位", "All units"),
			"allRules": wd.t("全部规则", "All rules"), "allStatus": wd.t("全部状态", "Any status"),
			"shown":    wd.t("显示 {n} / {total} 项", "Showing {n} of {total}"),
			"severity": wd.t("严重程度", "Severity"), "rule": wd.t("规则", "Rule"), "unit": wd.t("单位", "Unit"),
			"record": wd.t("记录", "Record"), "message": wd.t("问题", "Finding"), "basis": wd.t("依据", "Basis"),
			"status": wd.t("状态", "Status"), "steps": wd.t("判定过程", "How it was decided"),
			"waivers": wd.t("豁免", "Waivers"), "reason": wd.t("理由", "Reason"), "by": wd.t("批准人", "Approved by"),
			"expires": wd.t("有效期至", "Expires"), "count": wd.t("涉及问题", "Findings"), "entry": wd.t("出处", "Entry"),
			"resolved": wd.t("与基线相比已解决", "Resolved since the baseline"), "rules": wd.t("规则与条款", "Rules and clauses"),
			"otherRules": wd.t("其余已检查的规则（无问题）", "Other rules checked (no findings)"),
			"rate":       wd.t("指标", "Rate"), "min": wd.t("最低要求", "Minimum"), "minSource": wd.t("最低要求出处", "Minimum from"), "noKPI": wd.t("本次导出没有可计算的考核指标。", "No KPI rate could be computed from this export."),
			"none": wd.t("没有发现问题。", "No findings."), "errors": wd.t("无法读取的文件", "Files that yielded no records"),
			"generated": wd.t("由 jiandu 生成", "Generated by jiandu"), "minMark": wd.t("最低", "min"),
			"legendError": wd.severity("error"), "legendWarning": wd.severity("warning"), "legendInfo": wd.severity("info"),
			"legendWaived": wd.t("已豁免", "waived"), "byUnit": wd.t("按单位", "By unit"), "byRule": wd.t("按规则", "By rule"),
			"clickBar":  wd.t("点击柱条可筛选问题清单。", "Click a bar to filter the findings table."),
			"findingsN": wd.t("项问题", "finding(s)"),
			"kpiNote": wd.t("比率 = 分子 ÷ 分母；全辖区为各单位计数合计之比。虚线为画像规定的最低要求，红色为未达标，蓝灰色表示方案未设最低要求。",
				"Rate = numerator ÷ denominator; the jurisdiction pools the units' counts. The dashed line is the profile's minimum; red is below it, blue-grey means the plan sets no minimum."),
		},
	}
	t := tallyOf(r.Findings)
	v.Cards = []htmlCard{
		{wd.t("记录", "records"), "records", r.Summary.Records},
		{wd.t("问题", "findings"), "total", t.total},
		{wd.severity("error"), "error", t.bySeverity["error"]},
		{wd.severity("warning"), "warning", t.bySeverity["warning"]},
		{wd.severity("info"), "info", t.bySeverity["info"]},
	}
	if t.waived > 0 || len(r.Waivers) > 0 {
		v.Cards = append(v.Cards, htmlCard{wd.t("已豁免", "waived"), "waived", t.waived})
	}
	if r.Resolved != nil {
		v.Baseline = true
		v.Cards = append(v.Cards, htmlCard{wd.status("new"), "new", r.Summary.New}, htmlCard{wd.status("resolved"), "resolved", len(r.Resolved)})
	}
	for _, e := range r.Errors {
		v.Errors = append(v.Errors, e.File+": "+e.Message)
	}

	// KPI rates of the jurisdiction as bars against their minimums.
	for i, k := range jurisdictionKPIs(r) {
		hk := htmlKPI{ID: k.ID, Title: wd.kpiTitle(k), Rate: pct(k.Rate), Count: fraction(k), Min: minimum(k),
			Verdict: wd.kpiVerdict(k), Class: "nomin", Source: k.MinSource,
			Y: 8 + i*chartRowH, TextY: 8 + i*chartRowH + 15, Width: int(k.Rate*float64(chartBarW) + 0.5)}
		if k.Min != nil {
			hk.HasMin = true
			hk.MinTop, hk.MinBottom = hk.Y-3, hk.Y+21
			hk.MinX = chartLabelW + int(*k.Min*float64(chartBarW)+0.5)
			hk.Class = "ok"
			if k.Met != nil && !*k.Met {
				hk.Class = "below"
			}
		}
		v.KPIs = append(v.KPIs, hk)
	}
	v.KPIHeight = 16 + len(v.KPIs)*chartRowH

	// Unit × rate matrix.
	var kpiIDs, kpiUnits []string
	kpiTitles := map[string]string{}
	cells := map[[2]string]findings.KPI{}
	for _, k := range r.Summary.KPIs {
		if k.Scope != "unit" {
			continue
		}
		if !contains(kpiIDs, k.ID) {
			kpiIDs = append(kpiIDs, k.ID)
			kpiTitles[k.ID] = wd.kpiTitle(k)
		}
		if !contains(kpiUnits, k.Unit) {
			kpiUnits = append(kpiUnits, k.Unit)
		}
		cells[[2]string{k.Unit, k.ID}] = k
	}
	for _, id := range kpiIDs {
		v.Matrix.Cols = append(v.Matrix.Cols, kpiTitles[id])
	}
	for _, u := range kpiUnits {
		row := htmlMatrixRow{Unit: wd.unitName(r, u)}
		for _, id := range kpiIDs {
			k, ok := cells[[2]string{u, id}]
			switch {
			case !ok:
				row.Cells = append(row.Cells, htmlCell{Text: "–", Class: "na"})
			default:
				cell := htmlCell{Text: pct(k.Rate), Title: fraction(k)}
				if k.Min != nil {
					cell.Title += " · " + wd.t("最低 ", "min ") + minimum(k)
					cell.Class = "ok"
					if k.Met != nil && !*k.Met {
						cell.Class = "below"
					}
				}
				row.Cells = append(row.Cells, cell)
			}
		}
		v.Matrix.Rows = append(v.Matrix.Rows, row)
	}

	// Findings by unit and by rule.
	order, byUnit := groupByUnit(r.Findings)
	var unitBars []barData
	for _, u := range order {
		unitBars = append(unitBars, barData{key: u, label: wd.unitName(r, u), fs: byUnit[u]})
	}
	v.UnitChart = barChart("chart-units", wd.t("按单位", "By unit"), unitBars, wd)
	byRule := map[string][]findings.Finding{}
	for _, f := range r.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	var ruleBars []barData
	for _, id := range rulesWithFindings(c, r) {
		label := id
		if t := wd.title(c, id); t != "" {
			label = id + " " + t
		}
		ruleBars = append(ruleBars, barData{key: id, label: label, fs: byRule[id]})
	}
	sort.SliceStable(ruleBars, func(i, j int) bool { return len(ruleBars[i].fs) > len(ruleBars[j].fs) })
	v.RuleChart = barChart("chart-rules", wd.t("按规则", "By rule"), ruleBars, wd)

	// The table and its filters.
	for _, f := range r.Findings {
		v.Findings = append(v.Findings, htmlFindingOf(r, c, wd, f))
	}
	for _, u := range order {
		v.Units = append(v.Units, htmlOption{u, wd.unitName(r, u)})
	}
	for _, id := range rulesWithFindings(c, r) {
		v.Rules = append(v.Rules, htmlOption{id, id + " " + wd.title(c, id)})
	}
	for _, s := range findings.Severities {
		v.Severities = append(v.Severities, htmlOption{s, wd.severity(s)})
	}
	for _, x := range r.Waivers {
		v.Waivers = append(v.Waivers, htmlWaiver{Target: wd.waiverTarget(x), Reason: x.Reason, By: x.By, Expires: x.Expires,
			Status: x.Status, StatusLabel: wd.waiverStatus(x.Status), Source: x.Source, Count: len(x.Findings)})
	}
	for _, f := range r.Resolved {
		v.Resolved = append(v.Resolved, htmlFindingOf(r, c, wd, f))
	}

	// The rules' clause text: the rules with findings, then the other rules the profile turns on.
	for _, id := range rulesWithFindings(c, r) {
		v.RuleDocs = append(v.RuleDocs, htmlRuleOf(c, wd, id, len(byRule[id])))
	}
	for _, id := range r.Summary.Rules {
		if len(byRule[id]) == 0 {
			v.OtherRules = append(v.OtherRules, htmlRuleOf(c, wd, id, 0))
		}
	}
	return v
}

type barData struct {
	key, label string
	fs         []findings.Finding
}

// barChart lays out a horizontal bar chart: one bar per row, stacked by severity (waived apart).
func barChart(id, title string, rows []barData, wd words) htmlChart {
	ch := htmlChart{ID: id, Title: title, Width: chartLabelW + chartBarW + 60, Height: 12 + len(rows)*chartRowH}
	most := 1
	for _, r := range rows {
		if len(r.fs) > most {
			most = len(r.fs)
		}
	}
	for i, r := range rows {
		t := tallyOf(r.fs)
		y := 6 + i*chartRowH
		b := htmlBar{Key: r.key, Label: clip(r.label, 38), Value: len(r.fs), Y: y, TextY: y + 15, LabelX: chartLabelW - 8}
		x := chartLabelW
		segs := []struct {
			class string
			n     int
		}{{"error", t.bySeverity["error"]}, {"warning", t.bySeverity["warning"]}, {"info", t.bySeverity["info"]}, {"waived", t.waived}}
		var tip []string
		for _, s := range segs {
			if s.n == 0 {
				continue
			}
			wdt := s.n * chartBarW / most
			if wdt < 2 {
				wdt = 2
			}
			b.Segments = append(b.Segments, htmlSegment{Class: s.class, X: x, Y: y, W: wdt, H: chartRowH - 8, Value: s.n})
			x += wdt
			label := wd.severity(s.class)
			if s.class == "waived" {
				label = wd.t("已豁免", "waived")
			}
			tip = append(tip, fmt.Sprintf("%s %d", label, s.n))
		}
		b.ValueX = x + 6
		b.Tooltip = r.label + "：" + strings.Join(tip, "，")
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

// clip shortens a label to n display columns with an ellipsis.
func clip(s string, n int) string {
	if displayWidth(s) <= n {
		return s
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := displayWidth(string(r))
		if w+rw > n-1 {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return b.String() + "…"
}

func htmlFindingOf(r *findings.Result, c Context, wd words, f findings.Finding) htmlFinding {
	h := htmlFinding{ID: f.ID, Severity: f.Severity, SeverityLabel: wd.severity(f.Severity), Rank: findings.Rank(f.Severity),
		Rule: f.Rule, RuleTitle: wd.title(c, f.Rule), Unit: f.Unit, UnitLabel: wd.unitName(r, f.Unit),
		Record: wd.record(f), Message: wd.message(f), Sources: f.Sources, Status: f.Status, StatusLabel: wd.status(f.Status)}
	if f.Location != nil {
		h.Location = f.Location.String()
	}
	if f.Waived != nil {
		h.Waived = wd.waived(f.Waived)
	}
	if _, ok := f.Detail["steps"].([]any); ok { // the rule's reasoning, as `jiandu explain` prints it
		lang := "zh"
		if wd.en {
			lang = "en"
		}
		h.Explain = explain.Sections(f, lang)
	}
	return h
}

func htmlRuleOf(c Context, wd words, id string, n int) htmlRule {
	h := htmlRule{ID: id, Title: wd.title(c, id), Count: n}
	if c.Catalogue != nil {
		if meta, ok := c.Catalogue.Get(id); ok {
			h.Severity = wd.severity(meta.Severity)
			h.Description = meta.Description
			h.Sources = meta.Sources
		}
	}
	return h
}

var htmlTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jiandu {{.Version}}">
<title>{{.Title}} · {{.Sub}}</title>
<style>
:root{--error:#c62828;--warning:#e08a00;--info:#1e73be;--waived:#9e9e9e;--ok:#2e7d32;--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.55 -apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;color:var(--ink);background:#fff}
header{padding:20px 28px 12px;border-bottom:1px solid var(--line);background:var(--bg)}
h1{margin:0 0 4px;font-size:22px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
main{padding:0 28px 40px;max-width:1400px}
.sub{color:var(--muted);margin:0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:96px;background:#fff}
.card b{display:block;font-size:22px}
.card.error b{color:var(--error)}.card.warning b{color:var(--warning)}.card.info b{color:var(--info)}.card.waived b{color:var(--waived)}.card.new b{color:var(--error)}.card.resolved b{color:var(--ok)}
svg text{font-size:12px;fill:var(--ink)}
svg .track{fill:#eef1f4}
svg .seg.error,svg .kpi.below{fill:var(--error)}svg .seg.warning{fill:var(--warning)}svg .seg.info{fill:var(--info)}svg .seg.waived{fill:var(--waived)}svg .kpi.ok{fill:var(--ok)}svg .kpi.nomin{fill:#5b7fa6}
svg .minline{stroke:var(--ink);stroke-width:2;stroke-dasharray:3 2}
svg .bar{cursor:pointer}svg .bar:hover .label{text-decoration:underline}
svg .value{fill:var(--muted)}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}
figcaption{font-weight:600;margin-bottom:4px}
.legend span{display:inline-block;margin-right:12px;color:var(--muted)}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px;vertical-align:middle}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);position:sticky;top:0;white-space:nowrap}
th[data-sort]{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}
.kpi-table{max-width:1100px}.kpi-table td:nth-child(-n+5){white-space:nowrap}.kpi-table td.below{color:var(--error);font-weight:700}.kpi-table td.ok{color:var(--ok)}
#findings-table th:nth-child(2){min-width:150px}#findings-table th:nth-child(3){min-width:120px}#findings-table th:nth-child(4){min-width:170px}
.kpi-note{color:var(--muted);font-size:12px}
.matrix th{white-space:normal;max-width:120px;vertical-align:bottom}.matrix td:first-child{white-space:nowrap}.matrix td.below{color:var(--error);font-weight:700}.matrix td.ok{color:var(--ok)}.matrix td.na{color:var(--muted)}
.sev{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;white-space:nowrap}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
tr.waived td{color:var(--muted)}
.waived-note{color:var(--ok);font-size:12px}
details.explain{margin-top:4px;font-size:12px}
details.explain ol,details.explain ul{margin:2px 0 6px;padding-left:20px}
.ex-h{font-weight:600;margin-top:4px}
.ex-loc{color:#888;font-family:monospace}
.loc,.src{color:var(--muted);font-size:12px}
.src{margin:0;padding-left:16px}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:8px}
.controls input{flex:1;min-width:220px;padding:5px 8px;border:1px solid var(--line);border-radius:4px}
.controls select{padding:4px;border:1px solid var(--line);border-radius:4px}
#shown{color:var(--muted)}
.status-new{color:var(--error);font-weight:600}
.rule-doc{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:10px 0}
.rule-doc h3{margin:0 0 6px;font-size:15px}
.rule-doc p{margin:4px 0;white-space:pre-line}
.errors{color:var(--error)}
footer{color:var(--muted);padding:16px 28px;border-top:1px solid var(--line)}
@media print{.controls{display:none}th{position:static}}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="sub">{{.Sub}} · {{.L.asOf}} {{.AsOf}}</p>
<div class="cards">{{range .Cards}}<div class="card {{.Class}}" data-card="{{.Class}}"><b>{{.Value}}</b>{{.Label}}</div>{{end}}</div>
</header>
<main>
{{if .Errors}}<section class="errors"><h2>{{.L.errors}}</h2><ul>{{range .Errors}}<li>{{.}}</li>{{end}}</ul></section>{{end}}
<section id="kpis">
<h2>{{.L.kpis}}</h2>
{{if .KPIs}}<svg id="chart-kpis" role="img" aria-label="{{.L.kpis}}" width="900" height="{{.KPIHeight}}" viewBox="0 0 900 {{.KPIHeight}}">
{{range .KPIs}}<g class="kpi-row" data-kpi="{{.ID}}" data-rate="{{.Rate}}" data-count="{{.Count}}" data-min="{{.Min}}">
<title>{{.Title}} {{.Rate}} ({{.Count}}){{if .HasMin}} · {{$.L.minMark}} {{.Min}} {{.Verdict}}{{if .Source}} · {{.Source}}{{end}}{{end}}</title>
<text x="242" y="{{.TextY}}" text-anchor="end">{{.Title}}</text>
<rect class="track" x="250" y="{{.Y}}" width="440" height="18"></rect>
<rect class="kpi {{.Class}}" x="250" y="{{.Y}}" width="{{.Width}}" height="18"></rect>
{{if .HasMin}}<line class="minline" x1="{{.MinX}}" x2="{{.MinX}}" y1="{{.MinTop}}" y2="{{.MinBottom}}"></line>{{end}}
<text class="value" x="696" y="{{.TextY}}">{{.Rate}} ({{.Count}}){{if .HasMin}} · {{$.L.minMark}} {{.Min}}{{end}}</text>
</g>
{{end}}</svg>
<table class="kpi-table">
<thead><tr><th>{{.L.rate}}</th><th class="num">%</th><th class="num">n/N</th><th class="num">{{.L.min}}</th><th></th><th>{{.L.minSource}}</th></tr></thead>
<tbody>{{range .KPIs}}<tr data-kpi="{{.ID}}"><td>{{.Title}}</td><td class="num">{{.Rate}}</td><td class="num">{{.Count}}</td><td class="num">{{.Min}}</td><td class="{{.Class}}">{{.Verdict}}</td><td class="loc">{{.Source}}</td></tr>{{end}}</tbody>
</table>
{{if .Matrix.Rows}}<h3>{{.L.kpiUnits}}</h3>
<table class="matrix"><thead><tr><th>{{.L.unit}}</th>{{range .Matrix.Cols}}<th class="num">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Matrix.Rows}}<tr><td>{{.Unit}}</td>{{range .Cells}}<td class="num {{.Class}}" title="{{.Title}}">{{.Text}}</td>{{end}}</tr>{{end}}</tbody></table>{{end}}
<p class="kpi-note">{{.L.kpiNote}}</p>
{{end}}{{if not .KPIs}}<p>{{.L.noKPI}}</p>{{end}}
</section>
<section id="charts">
<h2>{{.L.charts}}</h2>
<p class="legend"><span><i style="background:var(--error)"></i>{{.L.legendError}}</span><span><i style="background:var(--warning)"></i>{{.L.legendWarning}}</span><span><i style="background:var(--info)"></i>{{.L.legendInfo}}</span><span><i style="background:var(--waived)"></i>{{.L.legendWaived}}</span>{{.L.clickBar}}</p>
<div class="charts">
{{template "chart" .UnitChart}}
{{template "chart" .RuleChart}}
</div>
</section>
<section id="findings">
<h2>{{.L.findings}}</h2>
{{if .Findings}}<div class="controls">
<input id="q" type="search" placeholder="{{.L.filter}}" aria-label="{{.L.filter}}">
<select id="f-sev" aria-label="{{.L.severity}}"><option value="">{{.L.allSev}}</option>{{range .Severities}}<option value="{{.Value}}">{{.Label}}</option>{{end}}</select>
<select id="f-unit" aria-label="{{.L.unit}}"><option value="">{{.L.allUnits}}</option>{{range .Units}}<option value="{{.Value}}">{{.Label}}</option>{{end}}</select>
<select id="f-rule" aria-label="{{.L.rule}}"><option value="">{{.L.allRules}}</option>{{range .Rules}}<option value="{{.Value}}">{{.Label}}</option>{{end}}</select>
<span id="shown" data-template="{{.L.shown}}"></span>
</div>
<table id="findings-table">
<thead><tr><th data-sort="rank" data-type="num">{{.L.severity}}</th><th data-sort="rule">{{.L.rule}}</th><th data-sort="unit">{{.L.unit}}</th><th data-sort="record">{{.L.record}}</th><th data-sort="message">{{.L.message}}</th><th>{{.L.basis}}</th>{{if .Baseline}}<th data-sort="status">{{.L.status}}</th>{{end}}</tr></thead>
<tbody>
{{range .Findings}}<tr class="finding{{if .Waived}} waived{{end}}" id="f-{{.ID}}" data-id="{{.ID}}" data-sev="{{.Severity}}" data-rank="{{.Rank}}" data-rule="{{.Rule}}" data-unit="{{.Unit}}" data-record="{{.Record}}" data-status="{{.Status}}" data-waived="{{if .Waived}}1{{else}}0{{end}}">
<td><span class="sev {{.Severity}}">{{.SeverityLabel}}</span></td>
<td><a href="#rule-{{.Rule}}">{{.Rule}}</a><br><small>{{.RuleTitle}}</small></td>
<td>{{.UnitLabel}}</td>
<td>{{.Record}}{{if .Location}}<div class="loc">{{.Location}}</div>{{end}}</td>
<td class="msg">{{.Message}}{{if .Waived}}<div class="waived-note">{{.Waived}}</div>{{end}}{{if .Explain}}<details class="explain"><summary>{{$.L.steps}}</summary>{{range .Explain}}<div class="ex-sec"><div class="ex-h">{{.Title}}</div>{{if eq .Key "step"}}<ol>{{range .Steps}}<li>{{.Text}}</li>{{end}}</ol>{{else}}<ul>{{range .Steps}}<li>{{.Text}}{{if .Location}} <span class="ex-loc">{{.Location}}</span>{{end}}</li>{{end}}</ul>{{end}}</div>{{end}}</details>{{end}}</td>
<td><ul class="src">{{range .Sources}}<li>{{.}}</li>{{end}}</ul></td>
{{if $.Baseline}}<td class="status-{{.Status}}">{{.StatusLabel}}</td>{{end}}
</tr>
{{end}}</tbody>
</table>
{{else}}<p>{{.L.none}}</p>{{end}}
</section>
{{if .Waivers}}<section id="waivers">
<h2>{{.L.waivers}}</h2>
<table><thead><tr><th>{{.L.rule}}</th><th>{{.L.reason}}</th><th>{{.L.by}}</th><th>{{.L.expires}}</th><th>{{.L.status}}</th><th class="num">{{.L.count}}</th><th>{{.L.entry}}</th></tr></thead>
<tbody>{{range .Waivers}}<tr class="waiver {{.Status}}" data-status="{{.Status}}"><td>{{.Target}}</td><td>{{.Reason}}</td><td>{{.By}}</td><td>{{.Expires}}</td><td>{{.StatusLabel}}</td><td class="num">{{.Count}}</td><td class="loc">{{.Source}}</td></tr>{{end}}</tbody></table>
</section>{{end}}
{{if .Resolved}}<section id="resolved">
<h2>{{.L.resolved}}（{{len .Resolved}}）</h2>
<table><tbody>{{range .Resolved}}<tr class="resolved" data-id="{{.ID}}"><td>{{.Rule}}</td><td>{{.UnitLabel}}</td><td>{{.Record}}</td><td>{{.Message}}</td></tr>{{end}}</tbody></table>
</section>{{end}}
<section id="rules">
<h2>{{.L.rules}}</h2>
{{range .RuleDocs}}{{template "rule" .}}{{end}}
{{if .OtherRules}}<details><summary>{{.L.otherRules}}（{{len .OtherRules}}）</summary>{{range .OtherRules}}{{template "rule" .}}{{end}}</details>{{end}}
</section>
</main>
<footer>{{.L.generated}} {{.Version}} · {{.L.profile}} {{.Sub}} · {{.L.asOf}} {{.AsOf}}</footer>
<script>
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { document.body.setAttribute("data-ready", "1"); return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var q = document.getElementById("q"), sev = document.getElementById("f-sev"),
      unit = document.getElementById("f-unit"), rule = document.getElementById("f-rule"),
      shown = document.getElementById("shown");
  function apply() {
    var text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!sev.value || r.getAttribute("data-sev") === sev.value) &&
               (!unit.value || r.getAttribute("data-unit") === unit.value) &&
               (!rule.value || r.getAttribute("data-rule") === rule.value) &&
               (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = shown.getAttribute("data-template").replace("{n}", n).replace("{total}", rows.length);
    shown.setAttribute("data-shown", String(n));
  }
  [q, sev, unit, rule].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var key = th.getAttribute("data-sort");
    if (!key) { return; }
    th.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var num = th.getAttribute("data-type") === "num";
      var value = function (r) { return key === "message" ? r.cells[col].textContent : r.getAttribute("data-" + key) || ""; };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        var c = num ? Number(x) - Number(y) : x.localeCompare(y, document.documentElement.lang);
        return c * dir;
      });
      rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
    });
  });
  Array.prototype.slice.call(document.querySelectorAll("svg .bar")).forEach(function (g) {
    g.addEventListener("click", function () {
      var select = g.getAttribute("data-filter") === "unit" ? unit : rule;
      select.value = select.value === g.getAttribute("data-key") ? "" : g.getAttribute("data-key");
      apply();
      table.scrollIntoView({behavior: "smooth"});
    });
  });
  // A link may carry a view: #unit=U-SJ&sev=error&rule=CASE-02&q=text&sort=rule (or sort=-rank).
  var view = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("=");
    if (i > 0) { view[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); }
  });
  if (view.q) { q.value = view.q; }
  if (view.sev) { sev.value = view.sev; }
  if (view.unit) { unit.value = view.unit; }
  if (view.rule) { rule.value = view.rule; }
  if (view.sort) {
    var desc = view.sort.charAt(0) === "-", want = view.sort.replace(/^-/, "");
    heads.forEach(function (th) {
      if (th.getAttribute("data-sort") === want) {
        th.click();
        if (desc) { th.click(); }
      }
    });
  }
  apply();
  document.body.setAttribute("data-ready", "1");
})();
</script>
</body>
</html>
{{define "chart"}}<figure>
<figcaption>{{.Title}}</figcaption>
<svg id="{{.ID}}" role="img" aria-label="{{.Title}}" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}">
{{range .Bars}}<g class="bar" data-key="{{.Key}}" data-value="{{.Value}}" data-filter="{{if eq $.ID "chart-units"}}unit{{else}}rule{{end}}">
<title>{{.Tooltip}}</title>
<text class="label" x="{{.LabelX}}" y="{{.TextY}}" text-anchor="end">{{.Label}}</text>
{{range .Segments}}<rect class="seg {{.Class}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" data-value="{{.Value}}"></rect>{{end}}
<text class="value" x="{{.ValueX}}" y="{{.TextY}}">{{.Value}}</text>
</g>
{{end}}</svg>
</figure>{{end}}
{{define "rule"}}<article class="rule-doc" id="rule-{{.ID}}">
<h3>{{.ID}} {{.Title}}{{if .Count}} <small>（{{.Count}}）</small>{{end}}</h3>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Sources}}<ul class="src">{{range .Sources}}<li>{{.}}</li>{{end}}</ul>{{end}}
</article>{{end}}
`))
