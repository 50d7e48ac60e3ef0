package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
)

// words is the vocabulary every human-readable format shares, in Chinese and English (--lang).
type words struct{ en bool }

func wordsOf(c Context) words { return words{en: c.Lang == "en"} }

// t picks the Chinese or the English text.
func (w words) t(zh, en string) string {
	if w.en {
		return en
	}
	return zh
}

var severityZh = map[string]string{"error": "错误", "warning": "警告", "info": "提示"}

func (w words) severity(s string) string {
	if w.en {
		return s
	}
	if z, ok := severityZh[s]; ok {
		return z
	}
	return s
}

var kindZh = map[string]string{
	"unit": "单位", "officer": "执法人员", "case": "案件", "inspection": "检查", "submission": "报送",
	"incident": "事件", "clue": "线索", "export": "导出",
}

func (w words) kind(k string) string {
	if w.en {
		return k
	}
	if z, ok := kindZh[k]; ok {
		return z
	}
	return k
}

// message is the finding's message in the report's language (Chinese when the rule gave no English).
func (w words) message(f findings.Finding) string {
	if w.en && f.MessageEn != "" {
		return f.MessageEn
	}
	return f.Message
}

// title is a rule's title from the catalogue in the report's language ("" for an unknown rule).
func (w words) title(c Context, rule string) string {
	if c.Catalogue == nil {
		return ""
	}
	r, ok := c.Catalogue.Get(rule)
	if !ok {
		return ""
	}
	if w.en && r.TitleEn != "" {
		return r.TitleEn
	}
	return r.Title
}

// record names a finding's record: "案件 C-2023-0042", "case C-2023-0042", "整个导出".
func (w words) record(f findings.Finding) string {
	if f.Kind == "export" {
		return w.t("全辖区", "the jurisdiction")
	}
	return w.kind(f.Kind) + " " + f.Record
}

// unitName is a unit's id and name ("U-SJ 启东市市场监督管理局"); "" is the jurisdiction.
func (w words) unitName(r *findings.Result, id string) string {
	if id == "" {
		return w.t("全辖区", "Jurisdiction")
	}
	for _, u := range r.Summary.Units {
		if u.ID == id && u.Name != "" {
			return id + " " + u.Name
		}
	}
	return id
}

// unitShort is a unit's name alone when it has one, else its id.
func unitShort(r *findings.Result, id string) string {
	for _, u := range r.Summary.Units {
		if u.ID == id && u.Name != "" {
			return u.Name
		}
	}
	return id
}

func (w words) kpiTitle(k findings.KPI) string {
	if w.en && k.TitleEn != "" {
		return k.TitleEn
	}
	return k.Title
}

// kpiVerdict is "达标"/"未达标"/"" (no minimum).
func (w words) kpiVerdict(k findings.KPI) string {
	switch {
	case k.Met == nil:
		return ""
	case *k.Met:
		return w.t("达标", "met")
	}
	return w.t("未达标", "below")
}

func (w words) status(s string) string {
	switch s {
	case "new":
		return w.t("新增", "new")
	case "unchanged":
		return w.t("未变", "unchanged")
	case "resolved":
		return w.t("已解决", "resolved")
	}
	return s
}

func (w words) waiverStatus(s string) string {
	switch s {
	case "applied":
		return w.t("生效", "applied")
	case "expired":
		return w.t("已过期", "expired")
	case "unmatched":
		return w.t("未匹配任何问题", "matches nothing")
	}
	return s
}

// waived describes a finding's waiver: "已豁免：理由（批准：X，至 2024-06-30）".
func (w words) waived(v *findings.Waived) string {
	if v == nil {
		return ""
	}
	return w.t(fmt.Sprintf("已豁免：%s（批准：%s，至 %s）", v.Reason, v.By, v.Expires),
		fmt.Sprintf("waived: %s (approved by %s, until %s)", v.Reason, v.By, v.Expires))
}

// waiverTarget names what a waiver entry covers.
func (w words) waiverTarget(x findings.WaiverReport) string {
	var parts []string
	if x.Unit != "" {
		parts = append(parts, w.t("单位 ", "unit ")+x.Unit)
	}
	if x.Record != "" {
		parts = append(parts, w.t("记录 ", "record ")+x.Record)
	}
	return x.Rule + " " + strings.Join(parts, " ")
}

// pct renders a rate as a percentage with up to two decimals: 83.33%, 100%, 90.5%.
func pct(x float64) string {
	s := fmt.Sprintf("%.2f", x*100)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// fraction is "5/6".
func fraction(k findings.KPI) string { return fmt.Sprintf("%d/%d", k.Numerator, k.Denominator) }

// minimum is the KPI's minimum as a percentage, "" without one.
func minimum(k findings.KPI) string {
	if k.Min == nil {
		return ""
	}
	return pct(*k.Min)
}

// counts of the findings by severity, waived ones apart.
type tally struct {
	bySeverity map[string]int
	waived     int
	total      int
}

func tallyOf(fs []findings.Finding) tally {
	t := tally{bySeverity: map[string]int{}}
	for _, f := range fs {
		t.total++
		if f.Waived != nil {
			t.waived++
			continue
		}
		t.bySeverity[f.Severity]++
	}
	return t
}

// groupByUnit returns the units that have findings, in the findings' order (sorted by unit; "" first),
// and each unit's findings.
func groupByUnit(fs []findings.Finding) ([]string, map[string][]findings.Finding) {
	var order []string
	by := map[string][]findings.Finding{}
	for _, f := range fs {
		if _, ok := by[f.Unit]; !ok {
			order = append(order, f.Unit)
		}
		by[f.Unit] = append(by[f.Unit], f)
	}
	return order, by
}

// rulesWithFindings lists the rules that have findings, in catalogue order when known.
func rulesWithFindings(c Context, r *findings.Result) []string {
	seen := map[string]bool{}
	var ids []string
	for _, f := range r.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sortRules(c, ids)
	return ids
}

// sortRules orders rule ids as the catalogue does (area, then number).
func sortRules(c Context, ids []string) {
	rank := map[string]int{}
	if c.Catalogue != nil {
		for i, id := range c.Catalogue.IDs() {
			rank[id] = i + 1
		}
	}
	sort.SliceStable(ids, func(i, j int) bool {
		a, b := rank[ids[i]], rank[ids[j]]
		if a != b && a != 0 && b != 0 {
			return a < b
		}
		if (a == 0) != (b == 0) {
			return a != 0
		}
		return ids[i] < ids[j]
	})
}

// jurisdictionKPIs and unitKPIs split the summary's rates.
func jurisdictionKPIs(r *findings.Result) []findings.KPI {
	var out []findings.KPI
	for _, k := range r.Summary.KPIs {
		if k.Scope == "jurisdiction" {
			out = append(out, k)
		}
	}
	return out
}

func unitKPIs(r *findings.Result, unit string) []findings.KPI {
	var out []findings.KPI
	for _, k := range r.Summary.KPIs {
		if k.Scope == "unit" && k.Unit == unit {
			out = append(out, k)
		}
	}
	return out
}

// attention lists the waivers that need a human: expired and unmatched ones.
func attention(r *findings.Result) []findings.WaiverReport {
	var out []findings.WaiverReport
	for _, x := range r.Waivers {
		if x.Status != "applied" {
			out = append(out, x)
		}
	}
	return out
}
