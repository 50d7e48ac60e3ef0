package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
)

// Table is the terminal report: findings grouped by unit, each with its rule, record, message and
// clause, then the jurisdiction's KPI rates, the waivers that need a look, the comparison with the
// baseline and the totals. Colour only when Context.Color (a terminal, NO_COLOR unset).
type Table struct{}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	green  = "\x1b[32m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

var severityColor = map[string]string{"error": red, "warning": yellow, "info": cyan}

func (Table) Write(w io.Writer, r *findings.Result, c Context) error {
	paint := func(code, s string) string {
		if !c.Color || code == "" {
			return s
		}
		return code + s + reset
	}
	wd := wordsOf(c)
	var b strings.Builder
	fmt.Fprintf(&b, "jiandu %s · %s %s · %s %s\n", r.Tool.Version, wd.t("画像", "profile"), r.Profile,
		wd.t("检查基准时间", "as of"), r.AsOf)
	order, byUnit := groupByUnit(r.Findings)
	for _, unit := range order {
		fs := byUnit[unit]
		label := fmt.Sprintf("\n%s  %s", wd.unitName(r, unit), wd.t(fmt.Sprintf("%d 项问题", len(fs)), fmt.Sprintf("%d finding(s)", len(fs))))
		b.WriteString(paint(bold, label) + "\n")
		for _, f := range fs {
			sev := paint(severityColor[f.Severity], pad(wd.severity(f.Severity), 7))
			mark := ""
			if f.Status == "new" {
				mark = paint(bold, "["+wd.status("new")+"] ")
			}
			fmt.Fprintf(&b, "  %s %-8s %s%s %s\n", sev, f.Rule, mark, wd.record(f), wd.message(f))
			if f.Waived != nil {
				b.WriteString(paint(green, "           "+wd.waived(f.Waived)) + "\n")
			}
			if len(f.Sources) > 0 {
				b.WriteString(paint(dim, "           "+wd.t("依据: ", "basis: ")+strings.Join(f.Sources, wd.t("；", "; "))) + "\n")
			}
			if f.Location != nil {
				b.WriteString(paint(dim, "           "+wd.t("位置: ", "at: ")+f.Location.String()) + "\n")
			}
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "%s %s: %s\n", paint(red, wd.t("文件错误", "file error")), e.File, e.Message)
	}
	if ks := jurisdictionKPIs(r); len(ks) > 0 {
		b.WriteString("\n" + paint(bold, wd.t("考核指标（全辖区）", "KPI rates (jurisdiction)")) + "\n")
		for _, k := range ks {
			line := fmt.Sprintf("  %s %9s %8s", pad(wd.kpiTitle(k), 36), fraction(k), pct(k.Rate))
			if k.Min != nil {
				verdict := wd.kpiVerdict(k)
				code := green
				if !*k.Met {
					code = red
				}
				line += fmt.Sprintf("  %s %s  %s", wd.t("最低", "min"), minimum(k), paint(code, verdict))
			}
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
		var below []string
		for _, k := range r.Summary.KPIs {
			if k.Scope == "unit" && k.Met != nil && !*k.Met {
				below = append(below, fmt.Sprintf("%s %s %s < %s", k.Unit, wd.kpiTitle(k), pct(k.Rate), minimum(k)))
			}
		}
		if len(below) > 0 {
			b.WriteString("  " + paint(red, wd.t("未达标单位：", "units below the minimum: ")) + strings.Join(below, wd.t("；", "; ")) + "\n")
		}
	}
	if xs := attention(r); len(xs) > 0 {
		b.WriteString("\n" + paint(bold, wd.t("需处理的豁免", "Waivers to look at")) + "\n")
		for _, x := range xs {
			fmt.Fprintf(&b, "  %s %s（%s，%s %s）%s\n", paint(yellow, wd.waiverStatus(x.Status)), wd.waiverTarget(x), x.Reason,
				wd.t("至", "until"), x.Expires, paint(dim, x.Source))
		}
	}
	t := tallyOf(r.Findings)
	if r.Resolved != nil || r.Summary.New > 0 {
		unchanged := t.total - r.Summary.New
		b.WriteString("\n" + wd.t(fmt.Sprintf("与基线相比：新增 %d，未变 %d，已解决 %d", r.Summary.New, unchanged, len(r.Resolved)),
			fmt.Sprintf("Against the baseline: %d new, %d unchanged, %d resolved", r.Summary.New, unchanged, len(r.Resolved))) + "\n")
		for _, f := range r.Resolved {
			b.WriteString(paint(dim, fmt.Sprintf("  %s %-8s %s %s", wd.status("resolved"), f.Rule, wd.unitName(r, f.Unit), wd.record(f))) + "\n")
		}
	}
	waived := ""
	if t.waived > 0 {
		waived = wd.t(fmt.Sprintf("；已豁免 %d", t.waived), fmt.Sprintf("; %d waived", t.waived))
	}
	fmt.Fprintf(&b, "\n%s\n", wd.t(
		fmt.Sprintf("共 %d 条记录，%d 项问题（错误 %d，警告 %d，提示 %d%s）", r.Summary.Records, t.total, t.bySeverity["error"], t.bySeverity["warning"], t.bySeverity["info"], waived),
		fmt.Sprintf("%d records, %d findings (%d error, %d warning, %d info%s)", r.Summary.Records, t.total, t.bySeverity["error"], t.bySeverity["warning"], t.bySeverity["info"], waived)))
	_, err := io.WriteString(w, b.String())
	return err
}

// pad pads a string to n display columns (a Chinese character is two).
func pad(s string, n int) string {
	w := displayWidth(s)
	if w >= n {
		return s
	}
	return s + strings.Repeat(" ", n-w)
}

// displayWidth counts columns: two for East Asian wide characters, one otherwise.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
			(r >= 0xffe0 && r <= 0xffe6) || r >= 0x20000) {
			w += 2
		} else {
			w++
		}
	}
	return w
}
