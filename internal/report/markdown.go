package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
)

// Markdown is the report for merge requests and mail: the totals, the KPI rates (the jurisdiction's
// against their minimums, then a unit × rate table), the findings by unit, the waivers, what the
// baseline comparison found resolved, and the clauses of the rules that have findings.
type Markdown struct{}

func (Markdown) Write(w io.Writer, r *findings.Result, c Context) error {
	wd := wordsOf(c)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s%s\n\n", wd.t("jiandu 检查报告：", "jiandu report: "), mdEscape(c.profileTitle(r.Profile)))
	t := tallyOf(r.Findings)
	fmt.Fprintf(&b, "- %s%s\n", wd.t("画像：", "Profile: "), r.Profile)
	fmt.Fprintf(&b, "- %s%s\n", wd.t("检查基准时间：", "As of: "), r.AsOf)
	fmt.Fprintf(&b, "- %s\n", wd.t(
		fmt.Sprintf("共 %d 条记录，%d 项问题（错误 %d，警告 %d，提示 %d，已豁免 %d）", r.Summary.Records, t.total, t.bySeverity["error"], t.bySeverity["warning"], t.bySeverity["info"], t.waived),
		fmt.Sprintf("%d records, %d findings (%d error, %d warning, %d info, %d waived)", r.Summary.Records, t.total, t.bySeverity["error"], t.bySeverity["warning"], t.bySeverity["info"], t.waived)))
	baseline := r.Resolved != nil
	if baseline {
		fmt.Fprintf(&b, "- %s\n", wd.t(
			fmt.Sprintf("与基线相比：新增 %d，未变 %d，已解决 %d", r.Summary.New, t.total-r.Summary.New, len(r.Resolved)),
			fmt.Sprintf("Against the baseline: %d new, %d unchanged, %d resolved", r.Summary.New, t.total-r.Summary.New, len(r.Resolved))))
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "- **%s** `%s`: %s\n", wd.t("文件错误", "File error"), e.File, mdEscape(e.Message))
	}

	if ks := jurisdictionKPIs(r); len(ks) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", wd.t("考核指标", "KPI rates"))
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---|\n",
			wd.t("指标", "Rate"), wd.t("全辖区", "Jurisdiction"), wd.t("分子/分母", "Count"), wd.t("最低要求", "Minimum"), wd.t("结论", "Verdict"))
		for _, k := range ks {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdEscape(wd.kpiTitle(k)), pct(k.Rate), fraction(k), minimum(k), wd.kpiVerdict(k))
		}
		writeKPIMatrix(&b, wd, r)
	}

	order, byUnit := groupByUnit(r.Findings)
	if len(order) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", wd.t("各单位问题数", "Findings by unit"))
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|\n",
			wd.t("单位", "Unit"), wd.severity("error"), wd.severity("warning"), wd.severity("info"), wd.t("已豁免", "waived"))
		for _, u := range order {
			ut := tallyOf(byUnit[u])
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", mdEscape(wd.unitName(r, u)), ut.bySeverity["error"], ut.bySeverity["warning"], ut.bySeverity["info"], ut.waived)
		}
		fmt.Fprintf(&b, "\n## %s\n", wd.t("问题清单", "Findings"))
		for _, u := range order {
			fs := byUnit[u]
			fmt.Fprintf(&b, "\n### %s（%d）\n\n", mdEscape(wd.unitName(r, u)), len(fs))
			cols := []string{wd.t("严重程度", "Severity"), wd.t("规则", "Rule"), wd.t("记录", "Record"), wd.t("问题", "Finding"), wd.t("依据", "Basis")}
			if baseline {
				cols = append(cols, wd.t("状态", "Status"))
			}
			b.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n")
			for _, f := range fs {
				msg := wd.message(f)
				if f.Waived != nil {
					msg += wd.t("（", " (") + wd.waived(f.Waived) + wd.t("）", ")")
				}
				rec := wd.record(f)
				if f.Location != nil {
					rec += "<br>`" + strings.ReplaceAll(f.Location.String(), "`", "'") + "`"
				}
				cells := []string{wd.severity(f.Severity), f.Rule + " " + wd.title(c, f.Rule), rec, msg, strings.Join(f.Sources, "<br>")}
				if baseline {
					cells = append(cells, wd.status(f.Status))
				}
				for i := range cells {
					if i != 2 && i != 4 {
						cells[i] = mdEscape(cells[i])
					} else {
						cells[i] = strings.ReplaceAll(strings.ReplaceAll(cells[i], "|", "\\|"), "\n", " ")
					}
				}
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
		}
	}

	if len(r.Waivers) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", wd.t("豁免", "Waivers"))
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---:|---|\n",
			wd.t("规则与对象", "Rule and target"), wd.t("理由", "Reason"), wd.t("批准人", "Approved by"), wd.t("有效期至", "Expires"),
			wd.t("状态", "Status"), wd.t("涉及问题", "Findings"), wd.t("出处", "Entry"))
		for _, x := range r.Waivers {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %s |\n", mdEscape(wd.waiverTarget(x)), mdEscape(x.Reason), mdEscape(x.By), x.Expires,
				wd.waiverStatus(x.Status), len(x.Findings), mdEscape(x.Source))
		}
	}

	if len(r.Resolved) > 0 {
		fmt.Fprintf(&b, "\n## %s（%d）\n\n", wd.t("已解决", "Resolved"), len(r.Resolved))
		for _, f := range r.Resolved {
			fmt.Fprintf(&b, "- %s %s · %s：%s\n", f.Rule, mdEscape(wd.unitName(r, f.Unit)), mdEscape(wd.record(f)), mdEscape(wd.message(f)))
		}
	}

	if ids := rulesWithFindings(c, r); len(ids) > 0 && c.Catalogue != nil {
		fmt.Fprintf(&b, "\n## %s\n\n", wd.t("规则与依据", "Rules and clauses"))
		for _, id := range ids {
			meta, ok := c.Catalogue.Get(id)
			if !ok {
				continue
			}
			fmt.Fprintf(&b, "- **%s** %s", id, mdEscape(wd.title(c, id)))
			if len(meta.Sources) > 0 {
				fmt.Fprintf(&b, "：%s", mdEscape(strings.Join(meta.Sources, "；")))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeKPIMatrix is a unit × rate table; a rate below its minimum is marked.
func writeKPIMatrix(b *strings.Builder, wd words, r *findings.Result) {
	var ids []string
	titles := map[string]string{}
	units := []string{}
	cell := map[[2]string]findings.KPI{}
	for _, k := range r.Summary.KPIs {
		if k.Scope != "unit" {
			continue
		}
		if _, ok := titles[k.ID]; !ok {
			titles[k.ID] = wd.kpiTitle(k)
		}
		if !contains(units, k.Unit) {
			units = append(units, k.Unit)
		}
		cell[[2]string{k.Unit, k.ID}] = k
	}
	for _, k := range r.Summary.KPIs { // the order of policies/kpi
		if k.Scope == "unit" && !contains(ids, k.ID) {
			ids = append(ids, k.ID)
		}
	}
	if len(units) == 0 {
		return
	}
	fmt.Fprintf(b, "\n| %s |", wd.t("单位", "Unit"))
	for _, id := range ids {
		fmt.Fprintf(b, " %s |", mdEscape(titles[id]))
	}
	b.WriteString("\n|---|" + strings.Repeat("---:|", len(ids)) + "\n")
	for _, u := range units {
		fmt.Fprintf(b, "| %s |", mdEscape(wd.unitName(r, u)))
		for _, id := range ids {
			k, ok := cell[[2]string{u, id}]
			switch {
			case !ok:
				b.WriteString(" – |")
			case k.Met != nil && !*k.Met:
				fmt.Fprintf(b, " **%s** ✗ |", pct(k.Rate))
			default:
				fmt.Fprintf(b, " %s |", pct(k.Rate))
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "\n%s\n", wd.t("✗ 低于最低要求。", "✗ below the minimum."))
}

// mdEscape keeps text inside a table cell and out of Markdown syntax.
func mdEscape(s string) string {
	r := strings.NewReplacer("|", "\\|", "\n", " ", "*", "\\*", "<", "&lt;", ">", "&gt;", "`", "\\`", "[", "\\[", "]", "\\]")
	return r.Replace(s)
}
