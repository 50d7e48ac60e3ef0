// Package explain prints the legal reasoning behind a finding in the clerk's words: the facts the rule
// read (with their locations), the parameter values in force and the clauses they come from, each step
// of the computation, and the conclusion. The reasoning itself is made by the rules (detail.steps, built
// with policies/lib/explain.rego from the same functions the rules decide with); this package only
// chooses the language and lays the steps out, so `jiandu explain`, the HTML report and `--format json`
// show one explanation.
package explain

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/findings"

	"github.com/jiandu/jiandu/internal/records"
)

// Step types, in the order an explanation shows them.
const (
	Fact       = "fact"
	Param      = "param"
	Calc       = "step"
	Conclusion = "conclusion"
)

// Step is one step of a finding's reasoning in one language.
type Step struct {
	Type     string
	Text     string
	Location string // where a fact was read, e.g. export.json#/cases/3/decision/date
}

// Steps reads a finding's detail.steps in a language ("zh" or "en"; a step without the language's text
// falls back to the other). A plain string step is a computation step.
func Steps(f findings.Finding, lang string) []Step {
	raw, _ := f.Detail["steps"].([]any)
	var out []Step
	for _, r := range raw {
		switch x := r.(type) {
		case string:
			out = append(out, Step{Type: Calc, Text: x})
		case map[string]any:
			s := Step{Type: str(x["type"])}
			switch {
			case s.Type == Fact && x["label"] != nil:
				s.Text = factText(x, lang)
			case s.Type == Param && x["zh"] == nil:
				s.Text = paramText(x, lang)
			default:
				s.Text = text(x, lang)
			}
			if s.Type == "" {
				s.Type = Calc
			}
			if loc, ok := x["location"].(map[string]any); ok {
				s.Location = Location(loc)
			}
			out = append(out, s)
		}
	}
	return out
}

func text(m map[string]any, lang string) string {
	other := "en"
	if lang == "en" {
		other = "zh"
	}
	for _, k := range []string{lang, other, "text"} {
		if s := str(m[k]); s != "" {
			return s
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// factText lays out a fact the rule read: "C-1 决定日期：2024-02-02" / "C-1 decision date: 2024-02-02".
func factText(m map[string]any, lang string) string {
	rec, _ := m["record"].(map[string]any)
	label := ""
	if l, ok := m["label"].(map[string]any); ok {
		label = text(l, lang)
	}
	sep := "："
	if lang == "en" {
		sep = ": "
	}
	return strings.TrimSpace(str(rec["id"])+" "+label) + sep + valueText(m["value"], lang)
}

// paramText lays out a parameter the rule read on a date, with the dates it is in force and its clause:
// "CASE-10.delivery_working_days = 7（2021-06-30 施行的取值；2018-01-01 至 2021-07-14 施行；依据：…）".
func paramText(m map[string]any, lang string) string {
	v, _ := json.Marshal(m["value"])
	from, to := str(m["from"]), str(m["to"])
	if lang == "en" {
		span := "in force always"
		switch {
		case from != "" && (to == "" || to == forever):
			span = "in force from " + from
		case from != "":
			span = "in force " + from + " to " + dayBefore(to)
		}
		return fmt.Sprintf("%s.%s = %s (the value in force on %s, %s; per %s)", str(m["rule"]), str(m["name"]), v, str(m["on"]), span, str(m["source"]))
	}
	span := "始终施行"
	switch {
	case from != "" && (to == "" || to == forever):
		span = "自 " + from + " 起施行"
	case from != "":
		span = from + " 至 " + dayBefore(to) + " 施行"
	}
	return fmt.Sprintf("%s.%s = %s（%s 施行的取值；%s；依据：%s）", str(m["rule"]), str(m["name"]), v, str(m["on"]), span, str(m["source"]))
}

// forever is the end of a parameter value in force with no later one (profile.Forever).
const forever = "9999-12-31"

func dayBefore(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, -1).Format("2006-01-02")
}

// valueText is a fact's value as a clerk reads it: a string as it is, none, yes/no, else JSON.
func valueText(v any, lang string) string {
	switch x := v.(type) {
	case nil:
		if lang == "en" {
			return "(none)"
		}
		return "（无）"
	case string:
		return x
	case bool:
		if lang == "en" {
			return fmt.Sprint(x)
		}
		if x {
			return "是"
		}
		return "否"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Location renders a step's location: file#pointer, file:line or file cell, with the field path beside a
// line or cell.
func Location(m map[string]any) string {
	s := records.LocationFromMap(m).String()
	if path := str(m["path"]); path != "" {
		s += " " + path
	}
	return s
}

// Filter selects findings by rule, record and finding id (each empty = any; several values = any of them).
type Filter struct {
	Rules, Records, IDs []string
}

// Select keeps the findings the filter names, in their order.
func Select(fs []findings.Finding, flt Filter) []findings.Finding {
	in := func(xs []string, s string) bool {
		if len(xs) == 0 {
			return true
		}
		for _, x := range xs {
			if x == s {
				return true
			}
		}
		return false
	}
	var out []findings.Finding
	for _, f := range fs {
		if in(flt.Rules, f.Rule) && in(flt.Records, f.Record) && in(flt.IDs, f.ID) {
			out = append(out, f)
		}
	}
	return out
}

// Section is one part of an explanation: its heading and its lines.
type Section struct {
	Key, Title string
	Steps      []Step
}

// Sections groups a finding's steps: facts, parameters, reasoning, conclusion. A finding whose rule gives
// no steps gets its detail figures as facts and its message as the conclusion.
func Sections(f findings.Finding, lang string) []Section {
	steps := Steps(f, lang)
	w := words(lang)
	by := map[string][]Step{}
	for _, s := range steps {
		by[s.Type] = append(by[s.Type], s)
	}
	if len(steps) == 0 {
		for _, k := range sortedKeys(f.Detail) {
			b, _ := json.Marshal(f.Detail[k])
			by[Fact] = append(by[Fact], Step{Type: Fact, Text: "detail." + k + " = " + string(b)})
		}
	}
	if len(by[Conclusion]) == 0 {
		by[Conclusion] = []Step{{Type: Conclusion, Text: message(f, lang)}}
	}
	var out []Section
	for _, k := range []string{Fact, Param, Calc, Conclusion} {
		if len(by[k]) > 0 {
			out = append(out, Section{Key: k, Title: w[k], Steps: by[k]})
		}
	}
	return out
}

func message(f findings.Finding, lang string) string {
	if lang == "en" && f.MessageEn != "" {
		return f.MessageEn
	}
	return f.Message
}

func words(lang string) map[string]string {
	if lang == "en" {
		return map[string]string{Fact: "Facts read", Param: "Parameters in force", Calc: "Reasoning", Conclusion: "Conclusion",
			"record": "Record", "finding": "Finding", "sources": "Sources", "unit": "unit", "none": "No finding matches",
			"nosteps": "(this rule records no reasoning steps yet: its detail figures are shown)",
			"error":   "error", "warning": "warning", "info": "info"}
	}
	return map[string]string{Fact: "读取的事实", Param: "适用的参数", Calc: "推理步骤", Conclusion: "结论",
		"record": "记录", "finding": "问题", "sources": "依据", "unit": "单位", "none": "没有符合条件的问题",
		"nosteps": "（该规则尚未记录推理步骤，以下列出判定数据）",
		"error":   "错误", "warning": "警告", "info": "提示"}
}

// Header is what an explanation run prints first.
type Header struct {
	Profile, AsOf string
}

// Write prints the explanations of the findings as plain text.
func Write(w io.Writer, fs []findings.Finding, lang string, cat *catalogue.Catalogue, h Header) error {
	wd := words(lang)
	if lang == "en" {
		fmt.Fprintf(w, "profile %s · as of %s · %d finding(s)\n", h.Profile, h.AsOf, len(fs))
	} else {
		fmt.Fprintf(w, "画像 %s · 检查基准 %s · %d 项问题\n", h.Profile, h.AsOf, len(fs))
	}
	if len(fs) == 0 {
		fmt.Fprintln(w, wd["none"])
		return nil
	}
	for _, f := range fs {
		fmt.Fprintln(w)
		title := ""
		if cat != nil {
			if r, ok := cat.Get(f.Rule); ok {
				title = r.Title
				if lang == "en" && r.TitleEn != "" {
					title = r.TitleEn
				}
			}
		}
		sev := wd[f.Severity]
		if sev == "" {
			sev = f.Severity
		}
		fmt.Fprintf(w, "== %s [%s] %s\n", f.ID, sev, title)
		rec := f.Kind + " " + f.Record
		if f.Unit != "" && f.Unit != f.Record {
			rec += " · " + wd["unit"] + " " + f.Unit
		}
		if f.Location != nil {
			rec += " · " + f.Location.String()
		}
		fmt.Fprintf(w, "%s: %s\n", wd["record"], rec)
		fmt.Fprintf(w, "%s: %s\n", wd["finding"], message(f, lang))
		if len(Steps(f, lang)) == 0 {
			fmt.Fprintln(w, wd["nosteps"])
		}
		for _, sec := range Sections(f, lang) {
			fmt.Fprintf(w, "%s:\n", sec.Title)
			for i, s := range sec.Steps {
				switch sec.Key {
				case Calc:
					fmt.Fprintf(w, "  %d. %s\n", i+1, s.Text)
				case Conclusion:
					fmt.Fprintf(w, "  %s\n", s.Text)
				default:
					line := "  - " + s.Text
					if s.Location != "" {
						line += "  [" + s.Location + "]"
					}
					fmt.Fprintln(w, line)
				}
			}
		}
		if len(f.Sources) > 0 {
			sep := "；"
			if lang == "en" {
				sep = "; "
			}
			fmt.Fprintf(w, "%s: %s\n", wd["sources"], strings.Join(f.Sources, sep))
		}
	}
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
