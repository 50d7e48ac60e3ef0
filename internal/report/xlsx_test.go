package report_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jiandu/jiandu/internal/findings"
)

func TestXLSXRectificationListReadsBack(t *testing.T) {
	res := compared(t)
	f, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", res, ctxOf(t, "zh"))))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()

	sheets := f.GetSheetList()
	if sheets[0] != "汇总" {
		t.Fatalf("sheets %v: the summary comes first", sheets)
	}
	// One sheet per unit (and one for the jurisdiction's export-wide findings).
	byUnit := map[string][]findings.Finding{}
	for _, x := range res.Findings {
		byUnit[x.Unit] = append(byUnit[x.Unit], x)
	}
	sheetOf := map[string]string{}
	for _, s := range sheets[1:] {
		id, _, _ := strings.Cut(s, " ")
		if s == "全辖区" {
			id = ""
		}
		sheetOf[id] = s
	}
	for _, u := range res.Summary.Units {
		if sheetOf[u.ID] == "" {
			t.Errorf("no sheet for unit %s (sheets %v)", u.ID, sheets)
		}
	}
	if len(byUnit[""]) > 0 && sheetOf[""] == "" {
		t.Errorf("no sheet for the jurisdiction's findings (sheets %v)", sheets)
	}

	header := []string{"序号", "规则", "问题", "记录", "依据", "严重程度", "整改期限", "责任人", "整改情况"}
	for unit, fs := range byUnit {
		sheet := sheetOf[unit]
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], "|") != strings.Join(header, "|") {
			t.Errorf("%s header %v, want %v", sheet, rows[0], header)
		}
		if len(rows)-1 != len(fs) {
			t.Fatalf("%s has %d rows for %d findings", sheet, len(rows)-1, len(fs))
		}
		for i, x := range fs {
			row := rows[i+1]
			for len(row) < len(header) {
				row = append(row, "")
			}
			if row[0] != strconv.Itoa(i+1) || !strings.HasPrefix(row[1], x.Rule+" ") || !strings.HasSuffix(row[2], x.Message) ||
				(x.Kind != "export" && !strings.Contains(row[3], x.Record)) || row[4] != strings.Join(x.Sources, "\n") {
				t.Errorf("%s row %d = %q, want finding %s", sheet, i+2, row, x.ID)
			}
			if want := map[string]string{"error": "错误", "warning": "警告", "info": "提示"}[x.Severity]; row[5] != want {
				t.Errorf("%s row %d severity %q, want %q", sheet, i+2, row[5], want)
			}
			if row[6] != "" || row[7] != "" {
				t.Errorf("%s row %d: 整改期限 and 责任人 are for the agency to fill, got %q %q", sheet, i+2, row[6], row[7])
			}
			if (x.Waived != nil) != strings.HasPrefix(row[8], "已豁免：") {
				t.Errorf("%s row %d: 整改情况 %q for waived=%v", sheet, i+2, row[8], x.Waived != nil)
			}
			if x.Status == "new" && !strings.HasPrefix(row[2], "[新增] ") {
				t.Errorf("%s row %d: a new finding is not marked: %q", sheet, i+2, row[2])
			}
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v (%v), want the header row frozen", sheet, panes, err)
		}
		// Widths fit Chinese text: 问题 is wide, 序号 narrow, 规则 wide enough for its title.
		if w, _ := f.GetColWidth(sheet, "C"); w < 30 {
			t.Errorf("%s: 问题 is %.0f wide", sheet, w)
		}
		if w, _ := f.GetColWidth(sheet, "A"); w > 8 {
			t.Errorf("%s: 序号 is %.0f wide", sheet, w)
		}
		if w, _ := f.GetColWidth(sheet, "B"); w < 16 {
			t.Errorf("%s: 规则 is %.0f wide", sheet, w)
		}
	}

	// The auto filter is a defined name per sheet (_xlnm._FilterDatabase).
	filters := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = true
		}
	}
	for _, s := range sheets[1:] {
		if !filters[s] {
			t.Errorf("%s has no auto filter (defined names %+v)", s, f.GetDefinedName())
		}
	}

	// The summary: counts per unit and every KPI rate.
	rows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, u := range res.Summary.Units {
		if !strings.Contains(text, u.ID+"|"+u.Name+"|"+strconv.Itoa(u.Records)+"|"+strconv.Itoa(res.Summary.ByUnit[u.ID])+"|") {
			t.Errorf("the summary has no row for %s with %d findings:\n%s", u.ID, res.Summary.ByUnit[u.ID], text)
		}
	}
	kpiRows := 0
	for _, r := range rows {
		for _, k := range res.Summary.KPIs {
			if len(r) >= 5 && r[0] == k.Title && r[2] == strconv.Itoa(k.Numerator) && r[3] == strconv.Itoa(k.Denominator) {
				kpiRows++
				break
			}
		}
	}
	if kpiRows != len(res.Summary.KPIs) {
		t.Errorf("%d KPI rows in the summary, want %d", kpiRows, len(res.Summary.KPIs))
	}
}

func TestXLSXInEnglish(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", demo(t), ctxOf(t, "en"))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	rows, err := f.GetRows(sheets[1])
	if err != nil {
		t.Fatal(err)
	}
	if sheets[0] != "Summary" || rows[0][0] != "No." || rows[0][8] != "Rectification" {
		t.Errorf("sheets %v header %v", sheets, rows[0])
	}
}
