package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
)

// Table is the terminal report: findings grouped by unit, each with its rule, record, message and
// clause, then the totals.
type Table struct{}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

var sevZh = map[string]string{"error": "错误", "warning": "警告", "info": "提示"}

func (Table) Write(w io.Writer, r *findings.Result, c Context) error {
	paint := func(code, s string) string {
		if !c.Color {
			return s
		}
		return code + s + reset
	}
	en := c.Lang == "en"
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "jiandu %s · profile %s · as of %s\n", r.Tool.Version, r.Profile, r.AsOf)
	} else {
		fmt.Fprintf(&b, "jiandu %s · 画像 %s · 检查基准时间 %s\n", r.Tool.Version, r.Profile, r.AsOf)
	}
	unit := "\x00"
	for _, f := range r.Findings {
		if f.Unit != unit {
			unit = f.Unit
			name := unit
			if name == "" {
				name = map[bool]string{true: "(whole export)", false: "（整个导出）"}[en]
			}
			n := r.Summary.ByUnit[unit]
			if unit == "" {
				n = countUnit(r.Findings, "")
			}
			label := fmt.Sprintf("\n%s  %d 项问题", name, n)
			if en {
				label = fmt.Sprintf("\n%s  %d finding(s)", name, n)
			}
			b.WriteString(paint(bold, label) + "\n")
		}
		sev := f.Severity
		if !en {
			sev = sevZh[f.Severity]
		}
		code := map[string]string{"error": red, "warning": yellow, "info": cyan}[f.Severity]
		msg := f.Message
		if en && f.MessageEn != "" {
			msg = f.MessageEn
		}
		fmt.Fprintf(&b, "  %s %-8s %s %s\n", paint(code, pad(sev, 4)), f.Rule, f.Kind+" "+f.Record, msg)
		if len(f.Sources) > 0 {
			b.WriteString(paint(dim, "           依据: "+strings.Join(f.Sources, "；")) + "\n")
		}
		if f.Location != nil {
			b.WriteString(paint(dim, "           位置: "+f.Location.String()) + "\n")
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "%s %s: %s\n", paint(red, map[bool]string{true: "file error", false: "文件错误"}[en]), e.File, e.Message)
	}
	counts := map[string]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	if en {
		fmt.Fprintf(&b, "\n%d records, %d findings (%d error, %d warning, %d info)\n", r.Summary.Records, len(r.Findings), counts["error"], counts["warning"], counts["info"])
	} else {
		fmt.Fprintf(&b, "\n共 %d 条记录，%d 项问题（错误 %d，警告 %d，提示 %d）\n", r.Summary.Records, len(r.Findings), counts["error"], counts["warning"], counts["info"])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func countUnit(fs []findings.Finding, unit string) int {
	n := 0
	for _, f := range fs {
		if f.Unit == unit {
			n++
		}
	}
	return n
}

// pad pads a string to n display columns (a Chinese character is two).
func pad(s string, n int) string {
	w := 0
	for _, r := range s {
		if r > 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	if w >= n {
		return s
	}
	return s + strings.Repeat(" ", n-w)
}
