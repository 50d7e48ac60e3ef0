package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiandu/jiandu/internal/findings"
)

// XLSX is the 整改清单 (rectification list) a department works through in Excel: a summary sheet (the
// units' counts and the KPI rates), then one sheet per unit (and one for the jurisdiction's export-wide
// findings) with the columns 序号, 规则, 问题, 记录, 依据, 严重程度, 整改期限, 责任人, 整改情况: 责任人
// and 整改期限 are left for the agency to fill (整改期限 takes a date, 整改情况 offers 未整改/整改中/已整改);
// a waived finding says so under 整改情况. Frozen header row, auto filter, column widths that fit
// Chinese text. Built with github.com/xuri/excelize, the library the XLSX reader uses.
type XLSX struct{}

// xlsxColumns are the unit sheets' columns: header (zh, en), minimum and maximum width.
var xlsxColumns = []struct {
	zh, en   string
	min, max float64
}{
	{"序号", "No.", 6, 6},
	{"规则", "Rule", 16, 30},
	{"问题", "Finding", 30, 60},
	{"记录", "Record", 16, 32},
	{"依据", "Basis", 20, 40},
	{"严重程度", "Severity", 10, 10},
	{"整改期限", "Deadline", 12, 12},
	{"责任人", "Responsible", 10, 10},
	{"整改情况", "Rectification", 16, 30},
}

func (XLSX) Write(w io.Writer, r *findings.Result, c Context) error {
	wd := wordsOf(c)
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	summary := wd.t("汇总", "Summary")
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	if err := writeXLSXSummary(f, summary, r, c, wd, st); err != nil {
		return err
	}

	order, byUnit := groupByUnit(r.Findings)
	units := append([]string{}, order...)
	for _, u := range r.Summary.Units {
		if !contains(units, u.ID) {
			units = append(units, u.ID)
		}
	}
	names := map[string]bool{strings.ToLower(summary): true}
	for _, u := range units {
		name := sheetName(wd.unitName(r, u), names)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeXLSXUnit(f, name, byUnit[u], c, wd, st); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	props := &excelize.DocProperties{Creator: "jiandu " + r.Tool.Version, Title: wd.t("整改清单", "Rectification list") + " " + r.Profile,
		Subject: c.profileTitle(r.Profile), Language: wd.t("zh-CN", "en-US")}
	if t, err := time.Parse(time.RFC3339, r.AsOf); err == nil {
		props.Created = t.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	return f.Write(w)
}

type xlsxStyles struct{ title, header, body, center, date, below, ok int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	var s xlsxStyles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.body = mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.center = mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	s.date = mk(&excelize.Style{Border: border, NumFmt: 14, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	s.below = mk(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true, Color: "C62828"}, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.ok = mk(&excelize.Style{Border: border, Font: &excelize.Font{Color: "2E7D32"}, Alignment: &excelize.Alignment{Vertical: "top"}})
	return s, err
}

// writeXLSXUnit writes one unit's 整改清单.
func writeXLSXUnit(f *excelize.File, sheet string, fs []findings.Finding, c Context, wd words, st xlsxStyles) error {
	header := make([]any, len(xlsxColumns))
	widths := make([]float64, len(xlsxColumns))
	for i, col := range xlsxColumns {
		header[i] = wd.t(col.zh, col.en)
		widths[i] = float64(displayWidth(header[i].(string)) + 2)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, ff := range fs {
		row := i + 2
		problem := wd.message(ff)
		if ff.Status == "new" {
			problem = "[" + wd.status("new") + "] " + problem
		}
		record := wd.record(ff)
		if ff.Location != nil {
			record += "\n" + ff.Location.String()
		}
		rule := ff.Rule
		if t := wd.title(c, ff.Rule); t != "" {
			rule += " " + t
		}
		state := ""
		if ff.Waived != nil {
			state = wd.waived(ff.Waived)
		}
		values := []any{i + 1, rule, problem, record, strings.Join(ff.Sources, "\n"), wd.severity(ff.Severity), nil, nil, state}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			return err
		}
		for j, v := range values {
			if s, ok := v.(string); ok {
				for _, line := range strings.Split(s, "\n") {
					if w := float64(displayWidth(line) + 2); w > widths[j] {
						widths[j] = w
					}
				}
			}
		}
	}
	last := len(fs) + 1
	if len(fs) == 0 {
		if err := f.SetCellValue(sheet, "C2", wd.t("未发现问题", "No findings")); err != nil {
			return err
		}
		last = 2
	}
	lastCell, _ := excelize.CoordinatesToCellName(len(xlsxColumns), last)
	lastCol, _ := excelize.ColumnNumberToName(len(xlsxColumns))
	if err := f.SetCellStyle(sheet, "A1", lastCol+"1", st.header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A2", lastCell, st.body); err != nil {
		return err
	}
	for _, col := range []string{"A", "F"} {
		if err := f.SetCellStyle(sheet, col+"2", fmt.Sprintf("%s%d", col, last), st.center); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "G2", fmt.Sprintf("G%d", last), st.date); err != nil {
		return err
	}
	for i, col := range xlsxColumns {
		w := widths[i]
		if w < col.min {
			w = col.min
		}
		if w > col.max {
			w = col.max
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, w); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 1, 22); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+lastCell, nil); err != nil {
		return err
	}
	deadline := excelize.NewDataValidation(true)
	deadline.SetSqref(fmt.Sprintf("G2:G%d", last+200))
	if err := deadline.SetRange("2000-01-01", "2099-12-31", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	deadline.SetInput(wd.t("整改期限", "Deadline"), wd.t("填写整改完成期限（日期）", "The date the rectification is due"))
	if err := f.AddDataValidation(sheet, deadline); err != nil {
		return err
	}
	state := excelize.NewDataValidation(true)
	state.SetSqref(fmt.Sprintf("I2:I%d", last+200))
	if err := state.SetDropList([]string{wd.t("未整改", "open"), wd.t("整改中", "in progress"), wd.t("已整改", "done")}); err != nil {
		return err
	}
	state.ShowErrorMessage = false // a waived finding's note stays as written
	return f.AddDataValidation(sheet, state)
}

// writeXLSXSummary writes the summary sheet: title, the units' counts, the KPI rates.
func writeXLSXSummary(f *excelize.File, sheet string, r *findings.Result, c Context, wd words, st xlsxStyles) error {
	t := tallyOf(r.Findings)
	lines := [][]any{
		{wd.t("整改清单", "Rectification list") + " · " + c.profileTitle(r.Profile)},
		{wd.t("画像", "Profile"), r.Profile, wd.t("检查基准时间", "As of"), r.AsOf},
		{wd.t("记录", "Records"), r.Summary.Records, wd.t("问题", "Findings"), t.total, wd.severity("error"), t.bySeverity["error"],
			wd.severity("warning"), t.bySeverity["warning"], wd.severity("info"), t.bySeverity["info"], wd.t("已豁免", "Waived"), t.waived},
	}
	if r.Resolved != nil {
		lines = append(lines, []any{wd.status("new"), r.Summary.New, wd.status("resolved"), len(r.Resolved)})
	}
	row := 1
	for _, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sheet, cell, &l); err != nil {
			return err
		}
		row++
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	row++

	// The units.
	head := []any{wd.t("单位", "Unit"), wd.t("名称", "Name"), wd.t("记录", "Records"), wd.t("问题", "Findings"),
		wd.severity("error"), wd.severity("warning"), wd.severity("info"), wd.t("已豁免", "Waived")}
	start := row
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetSheetRow(sheet, cell, &head); err != nil {
		return err
	}
	row++
	_, byUnit := groupByUnit(r.Findings)
	type unitRow struct {
		id, name string
		records  int
	}
	var rows []unitRow
	if len(byUnit[""]) > 0 {
		rows = append(rows, unitRow{"", wd.t("全辖区", "Jurisdiction"), r.Summary.Records})
	}
	for _, u := range r.Summary.Units {
		rows = append(rows, unitRow{u.ID, u.Name, u.Records})
	}
	for u := range byUnit {
		known := false
		for _, x := range rows {
			known = known || x.id == u
		}
		if !known {
			rows = append(rows, unitRow{u, "", 0})
		}
	}
	for _, u := range rows {
		ut := tallyOf(byUnit[u.id])
		vals := []any{u.id, u.name, u.records, ut.total, ut.bySeverity["error"], ut.bySeverity["warning"], ut.bySeverity["info"], ut.waived}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return err
		}
		row++
	}
	if err := styleTable(f, sheet, start, row-1, len(head), st); err != nil {
		return err
	}
	row++

	// The KPI rates.
	if len(r.Summary.KPIs) > 0 {
		head := []any{wd.t("考核指标", "KPI rate"), wd.t("范围", "Scope"), wd.t("分子", "Numerator"), wd.t("分母", "Denominator"),
			wd.t("比率", "Rate"), wd.t("最低要求", "Minimum"), wd.t("结论", "Verdict"), wd.t("最低要求出处", "Minimum from")}
		start := row
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sheet, cell, &head); err != nil {
			return err
		}
		row++
		for _, k := range r.Summary.KPIs {
			scope := wd.unitName(r, k.Unit)
			var min any
			if k.Min != nil {
				min = pct(*k.Min)
			}
			vals := []any{wd.kpiTitle(k), scope, k.Numerator, k.Denominator, pct(k.Rate), min, wd.kpiVerdict(k), k.MinSource}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				return err
			}
			row++
		}
		if err := styleTable(f, sheet, start, row-1, len(head), st); err != nil {
			return err
		}
		for i, k := range r.Summary.KPIs {
			if k.Met == nil {
				continue
			}
			style := st.ok
			if !*k.Met {
				style = st.below
			}
			ref := fmt.Sprintf("G%d", start+1+i)
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
	}
	for col, w := range map[string]float64{"A": 26, "B": 30, "C": 12, "D": 26, "E": 10, "F": 10, "G": 10, "H": 40} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

func styleTable(f *excelize.File, sheet string, first, last, cols int, st xlsxStyles) error {
	lastCol, _ := excelize.ColumnNumberToName(cols)
	if err := f.SetCellStyle(sheet, fmt.Sprintf("A%d", first), fmt.Sprintf("%s%d", lastCol, first), st.header); err != nil {
		return err
	}
	if last > first {
		return f.SetCellStyle(sheet, fmt.Sprintf("A%d", first+1), fmt.Sprintf("%s%d", lastCol, last), st.body)
	}
	return nil
}

// sheetName makes a valid, unique sheet name: no []:*?/\, at most 31 characters.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, "'")
	if s == "" {
		s = "_"
	}
	base := []rune(s)
	if len(base) > 31 {
		base = base[:31]
	}
	name := string(base)
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf("(%d)", i)
		b := base
		if len(b)+len([]rune(suffix)) > 31 {
			b = b[:31-len([]rune(suffix))]
		}
		name = string(b) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}
