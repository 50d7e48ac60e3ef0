// Package whatif compares two scans of one export: under a profile as it is, and under a draft of it
// (`--set RULE.param=value`, `--profile-file`), and says which findings the change would add and
// remove, per rule and per unit, so a judicial bureau sees what a stricter requirement would flag before
// it adopts it.
package whatif

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/profile"
)

// Change is one difference between the profile as it is and the draft: a parameter's values or a rule
// switch.
type Change struct {
	Rule   string          `json:"rule"`
	Name   string          `json:"name"` // the parameter; "on" for the switch
	Before []profile.Dated `json:"before"`
	After  []profile.Dated `json:"after"`
	WasOn  *bool           `json:"was_on,omitempty"`
	IsOn   *bool           `json:"is_on,omitempty"`
}

// Changes lists what the draft changes, sorted by rule and name.
func Changes(base, draft *profile.Resolved) []Change {
	var out []Change
	rules := map[string]bool{}
	for r := range base.Params {
		rules[r] = true
	}
	for r := range draft.Params {
		rules[r] = true
	}
	for r := range rules {
		names := map[string]bool{}
		for n := range base.Params[r] {
			names[n] = true
		}
		for n := range draft.Params[r] {
			names[n] = true
		}
		for n := range names {
			b, d := base.Params[r][n], draft.Params[r][n]
			if !sameValues(b, d) {
				out = append(out, Change{Rule: r, Name: n, Before: b, After: d})
			}
		}
	}
	ids := map[string]bool{}
	for id := range base.Rules {
		ids[id] = true
	}
	for id := range draft.Rules {
		ids[id] = true
	}
	for id := range ids {
		was, is := base.Rules[id].On, draft.Rules[id].On
		if was != is {
			out = append(out, Change{Rule: id, Name: "on", WasOn: &was, IsOn: &is})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func sameValues(a, b []profile.Dated) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].From != b[i].From || !reflect.DeepEqual(norm(a[i].Value), norm(b[i].Value)) {
			return false
		}
	}
	return true
}

// norm makes JSON numbers comparable whatever their Go type.
func norm(v any) any {
	b, _ := json.Marshal(v)
	var x any
	_ = json.Unmarshal(b, &x)
	return x
}

// Diff is what the draft does to the findings.
type Diff struct {
	Added   []findings.Finding `json:"added"`
	Removed []findings.Finding `json:"removed"`
	// Changed are findings under both, whose message differs (the same officer short by more hours).
	Changed []findings.Finding `json:"changed"`
	ByRule  []Count            `json:"by_rule"`
	ByUnit  []Count            `json:"by_unit"`
}

// Count is the added and removed findings of one rule or one unit; Units counts the units of a rule's.
type Count struct {
	Key          string `json:"key"`
	Added        int    `json:"added"`
	Removed      int    `json:"removed"`
	UnitsAdded   int    `json:"units_added,omitempty"`
	UnitsRemoved int    `json:"units_removed,omitempty"`
}

// Compare matches findings by their stable id.
func Compare(base, draft []findings.Finding) Diff {
	d := Diff{Added: []findings.Finding{}, Removed: []findings.Finding{}, Changed: []findings.Finding{}}
	before := map[string]findings.Finding{}
	for _, f := range base {
		before[f.ID] = f
	}
	after := map[string]bool{}
	for _, f := range draft {
		after[f.ID] = true
		b, ok := before[f.ID]
		switch {
		case !ok:
			d.Added = append(d.Added, f)
		case b.Message != f.Message:
			d.Changed = append(d.Changed, f)
		}
	}
	for _, f := range base {
		if !after[f.ID] {
			d.Removed = append(d.Removed, f)
		}
	}
	rules := map[string]*Count{}
	units := map[string]*Count{}
	ruleUnits := map[string]map[string]bool{}
	get := func(m map[string]*Count, k string) *Count {
		if m[k] == nil {
			m[k] = &Count{Key: k}
		}
		return m[k]
	}
	for _, f := range d.Added {
		get(rules, f.Rule).Added++
		get(units, unitKey(f)).Added++
		mark(ruleUnits, "+"+f.Rule, unitKey(f))
	}
	for _, f := range d.Removed {
		get(rules, f.Rule).Removed++
		get(units, unitKey(f)).Removed++
		mark(ruleUnits, "-"+f.Rule, unitKey(f))
	}
	for k, c := range rules {
		c.UnitsAdded = len(ruleUnits["+"+k])
		c.UnitsRemoved = len(ruleUnits["-"+k])
		d.ByRule = append(d.ByRule, *c)
	}
	for _, c := range units {
		d.ByUnit = append(d.ByUnit, *c)
	}
	sort.Slice(d.ByRule, func(i, j int) bool { return d.ByRule[i].Key < d.ByRule[j].Key })
	sort.Slice(d.ByUnit, func(i, j int) bool { return d.ByUnit[i].Key < d.ByUnit[j].Key })
	if d.ByRule == nil {
		d.ByRule = []Count{}
	}
	if d.ByUnit == nil {
		d.ByUnit = []Count{}
	}
	return d
}

// unitKey is the unit a finding counts under; a jurisdiction-wide finding counts under "export".
func unitKey(f findings.Finding) string {
	if f.Unit == "" {
		return "export"
	}
	return f.Unit
}

func mark(m map[string]map[string]bool, k, u string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][u] = true
}

// Report is one what-if run: the profile, the changes and what they do.
type Report struct {
	Profile string   `json:"profile"`
	Draft   string   `json:"draft"`
	AsOf    string   `json:"as_of"`
	Changes []Change `json:"changes"`
	Diff
}

// Summary is the one-sentence answer per rule: "TRN-01.annual_min_hours = 72 instead of 60 would add 31
// TRN-01 findings in 4 units".
func (r Report) Summary(lang string) []string {
	what := r.changesText(lang)
	var out []string
	for _, c := range r.ByRule {
		var parts []string
		if lang == "en" {
			if c.Added > 0 {
				parts = append(parts, fmt.Sprintf("add %d %s finding%s in %d unit%s", c.Added, c.Key, plural(c.Added), c.UnitsAdded, plural(c.UnitsAdded)))
			}
			if c.Removed > 0 {
				parts = append(parts, fmt.Sprintf("remove %d %s finding%s in %d unit%s", c.Removed, c.Key, plural(c.Removed), c.UnitsRemoved, plural(c.UnitsRemoved)))
			}
			out = append(out, fmt.Sprintf("%s would %s.", what, strings.Join(parts, " and ")))
			continue
		}
		if c.Added > 0 {
			parts = append(parts, fmt.Sprintf("新增 %d 项 %s 问题，涉及 %d 个单位", c.Added, c.Key, c.UnitsAdded))
		}
		if c.Removed > 0 {
			parts = append(parts, fmt.Sprintf("减少 %d 项 %s 问题，涉及 %d 个单位", c.Removed, c.Key, c.UnitsRemoved))
		}
		out = append(out, fmt.Sprintf("%s，将%s。", what, strings.Join(parts, "，")))
	}
	if len(out) == 0 {
		if lang == "en" {
			return []string{fmt.Sprintf("%s would add and remove no finding.", what)}
		}
		return []string{fmt.Sprintf("%s，不会新增或减少任何问题。", what)}
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// changesText names the changes: "TRN-01.annual_min_hours = 72 instead of 60".
func (r Report) changesText(lang string) string {
	var parts []string
	for _, c := range r.Changes {
		if c.Name == "on" {
			parts = append(parts, switchText(c, lang))
			continue
		}
		if lang == "en" {
			parts = append(parts, fmt.Sprintf("%s.%s = %s instead of %s", c.Rule, c.Name, values(c.After, lang), values(c.Before, lang)))
		} else {
			parts = append(parts, fmt.Sprintf("%s.%s 取 %s（现为 %s）", c.Rule, c.Name, values(c.After, lang), values(c.Before, lang)))
		}
	}
	if len(parts) == 0 {
		if lang == "en" {
			return "The draft (no parameter differs)"
		}
		return "草案（参数与现行相同）"
	}
	if lang == "en" {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "，")
}

func switchText(c Change, lang string) string {
	if lang == "en" {
		if *c.IsOn {
			return c.Rule + " turned on"
		}
		return c.Rule + " turned off"
	}
	if *c.IsOn {
		return "启用 " + c.Rule
	}
	return "停用 " + c.Rule
}

// values renders a parameter's dated values compactly: 60; "2024-01-01 起 0.9"; "not set".
func values(vs []profile.Dated, lang string) string {
	if len(vs) == 0 {
		if lang == "en" {
			return "none"
		}
		return "未设"
	}
	var parts []string
	for _, v := range vs {
		b, _ := json.Marshal(v.Value)
		if v.From == "" {
			parts = append(parts, string(b))
		} else if lang == "en" {
			parts = append(parts, fmt.Sprintf("%s from %s", b, v.From))
		} else {
			parts = append(parts, fmt.Sprintf("%s 起 %s", v.From, b))
		}
	}
	if lang == "en" {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "；")
}

// Write prints a report as text: the summary, the counts per rule and per unit, then every added,
// removed and changed finding.
func (r Report) Write(w io.Writer, lang string) {
	en := lang == "en"
	t := func(zh, e string) string {
		if en {
			return e
		}
		return zh
	}
	fmt.Fprintf(w, t("假设：画像 %s 对照 %s · 检查基准 %s\n", "what-if: profile %s against %s · as of %s\n"), r.Profile, r.Draft, r.AsOf)
	for _, s := range r.Summary(lang) {
		fmt.Fprintln(w, s)
	}
	fmt.Fprintf(w, t("\n合计：新增 %d，减少 %d，仍存在但内容改变 %d\n", "\nin all: %d added, %d removed, %d still found with a different message\n"), len(r.Added), len(r.Removed), len(r.Changed))
	if len(r.ByRule) > 0 {
		fmt.Fprintln(w, t("\n按规则：", "\nby rule:"))
		for _, c := range r.ByRule {
			fmt.Fprintf(w, t("  %-8s 新增 %d（%d 个单位）  减少 %d（%d 个单位）\n", "  %-8s +%d (%d units)  -%d (%d units)\n"), c.Key, c.Added, c.UnitsAdded, c.Removed, c.UnitsRemoved)
		}
		fmt.Fprintln(w, t("\n按单位：", "\nby unit:"))
		for _, c := range r.ByUnit {
			fmt.Fprintf(w, t("  %-10s 新增 %d  减少 %d\n", "  %-10s +%d  -%d\n"), c.Key, c.Added, c.Removed)
		}
	}
	list := func(title string, sign string, fs []findings.Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, f := range fs {
			msg := f.Message
			if en && f.MessageEn != "" {
				msg = f.MessageEn
			}
			fmt.Fprintf(w, "  %s %s  %s\n", sign, f.ID, msg)
		}
	}
	list(t("新增的问题：", "added findings:"), "+", r.Added)
	list(t("减少的问题：", "removed findings:"), "-", r.Removed)
	list(t("内容改变的问题（草案下的说法）：", "changed findings (as the draft words them):"), "~", r.Changed)
}
