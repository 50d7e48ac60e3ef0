package records_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/scan"
)

// fixtures/formats holds one county's export (a copy of the qidong-2023 demo) three times: JSON, a
// folder of GB18030 CSV files, and an XLSX workbook with Chinese headers. The CSV and XLSX are
// written from the JSON by this file (go test ./internal/records -run TestFormats -update-formats)
// the way agencies' systems write them: dates in every RECORDS.md form and as Excel serials, fines
// in a 万元 column, yes/no as 是/否, TRUE/FALSE and 1/0, enum values by their Chinese labels, lists
// joined by 、 ， and ；, sub-records in their own sheets, a title row above the case header.

var updateFormats = flag.Bool("update-formats", false, "rewrite fixtures/formats/ CSV and XLSX from its JSON")

const (
	formatsDir  = "../../fixtures/formats"
	formatsJSON = formatsDir + "/qidong-2023.json"
	formatsCSV  = formatsDir + "/csv-gb18030"
	formatsXLSX = formatsDir + "/xlsx/启东市2023年度行政执法数据.xlsx"
)

var (
	setupOnce sync.Once
	setupVal  *scan.Setup
	setupErr  error
)

func setup(t testing.TB) *scan.Setup {
	t.Helper()
	setupOnce.Do(func() { setupVal, setupErr = scan.Load(jiandu.Policies()) })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return setupVal
}

func layout(t testing.TB) *records.Layout {
	t.Helper()
	v, err := records.NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	lay, err := v.SheetLayout()
	if err != nil {
		t.Fatal(err)
	}
	return lay
}

func readExport(t testing.TB, path string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// cell is one cell as a spreadsheet holds it: text, or (XLSX) a number with a display format, or a
// boolean.
type cell struct {
	text    string
	num     *float64
	numFmt  string
	boolean *bool
}

func textCell(s string) cell { return cell{text: s} }

// sheet is a sheet to write: its name, header and rows.
type sheet struct {
	name   string
	header []string
	rows   [][]cell
	title  string
}

var excelDay0 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// render writes a value as one of the systems would, varying with the row.
func render(c *records.Column, v any, row int, xlsx bool) cell {
	if v == nil {
		return cell{}
	}
	switch c.Type() {
	case "date":
		s, _ := v.(string)
		d, err := time.Parse("2006-01-02", s)
		if err != nil { // an impossible date keeps its form
			y, m, day := s[0:4], strings.TrimLeft(s[5:7], "0"), strings.TrimLeft(s[8:10], "0")
			return textCell([]string{s, y + "/" + m + "/" + day, y + "年" + m + "月" + day + "日"}[row%3])
		}
		if xlsx && row%2 == 0 {
			f := d.Sub(excelDay0).Hours() / 24
			return cell{num: &f, numFmt: "yyyy-mm-dd"}
		}
		switch row % 5 {
		case 0:
			return textCell(d.Format("2006-01-02"))
		case 1:
			return textCell(d.Format("2006/1/2"))
		case 2:
			return textCell(d.Format("2006.1.2"))
		case 3:
			return textCell(d.Format("2006年1月2日"))
		}
		return textCell(d.Format("20060102"))
	case "instant":
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339, s)
		if err != nil || !strings.HasSuffix(s, "+08:00") {
			return textCell(s)
		}
		if xlsx && row%2 == 0 {
			f := float64(t.Sub(excelDay0.Add(-8*time.Hour))) / float64(24*time.Hour)
			return cell{num: &f, numFmt: "yyyy-mm-dd hh:mm"}
		}
		return textCell([]string{t.Format("2006-01-02 15:04"), t.Format("2006/1/2 15:04:05"), t.Format("2006年1月2日 15时04分")}[row%3])
	case "number", "integer":
		n, _ := v.(json.Number)
		if c.Key == "decision.fine" {
			r, _ := new(big.Rat).SetString(n.String())
			r.Quo(r, big.NewRat(10000, 1))
			return textCell(strings.TrimRight(strings.TrimRight(r.FloatString(8), "0"), "."))
		}
		if xlsx {
			f, _ := n.Float64()
			return cell{num: &f}
		}
		if row%2 == 1 && len(n.String()) > 3 && !strings.Contains(n.String(), ".") {
			s := n.String()
			var parts []string
			for len(s) > 3 {
				parts = append([]string{s[len(s)-3:]}, parts...)
				s = s[:len(s)-3]
			}
			return textCell(strings.Join(append([]string{s}, parts...), ",") + "元")
		}
		return textCell(n.String())
	case "boolean":
		b, _ := v.(bool)
		if xlsx && row%2 == 0 {
			return cell{boolean: &b}
		}
		yes, no := [][2]string{{"是", "否"}, {"TRUE", "FALSE"}, {"1", "0"}}[row%3][0], [][2]string{{"是", "否"}, {"TRUE", "FALSE"}, {"1", "0"}}[row%3][1]
		if b {
			return textCell(yes)
		}
		return textCell(no)
	case "list":
		items, _ := v.([]any)
		var parts []string
		for _, it := range items {
			parts = append(parts, c.Cell(it))
		}
		return textCell(strings.Join(parts, []string{"、", "，", "；"}[row%3]))
	}
	return textCell(c.Cell(v))
}

func headerOf(c *records.Column) string {
	if c.Key == "decision.fine" {
		return "罚款金额（万元）"
	}
	return c.Header
}

// sheetsOf lays an export out as sheets, one per kind and sub-record that has rows, and 导出信息.
func sheetsOf(lay *records.Layout, doc map[string]any, xlsx bool) []sheet {
	var out []sheet
	for _, sc := range lay.Scopes {
		sh := sheet{name: sc.Name}
		if sc.Kind == "export" {
			h, _ := doc["export"].(map[string]any)
			if h == nil {
				continue
			}
			sh.header = []string{"项目", "值"}
			for _, c := range sc.Columns {
				v := valueAt(h, c.Key)
				if v == nil {
					continue
				}
				sh.rows = append(sh.rows, []cell{textCell(c.Header), render(c, v, 1, false)})
			}
			out = append(out, sh)
			continue
		}
		recs, _ := doc[records.Plural[sc.Kind]].([]any)
		if sc.Sub != "" {
			sh.header = append(sh.header, sc.Parent)
		}
		for _, c := range sc.Columns {
			sh.header = append(sh.header, headerOf(c))
		}
		n := 0
		for _, r := range recs {
			rec, _ := r.(map[string]any)
			if sc.Sub == "" {
				var row []cell
				for _, c := range sc.Columns {
					row = append(row, render(c, valueAt(rec, c.Key), n, xlsx))
				}
				sh.rows = append(sh.rows, row)
				n++
				continue
			}
			items, _ := rec[sc.Sub].([]any)
			for _, it := range items {
				elem, _ := it.(map[string]any)
				row := []cell{textCell(rec["id"].(string))}
				for _, c := range sc.Columns {
					row = append(row, render(c, valueAt(elem, strings.TrimPrefix(c.Key, sc.Sub+".")), n, xlsx))
				}
				sh.rows = append(sh.rows, row)
				n++
			}
		}
		if len(sh.rows) == 0 {
			continue
		}
		if sc.Kind == "case" && sc.Sub == "" && xlsx {
			sh.title = "启东市2023年度行政执法案件"
		}
		out = append(out, sh)
	}
	return out
}

func valueAt(m map[string]any, dotted string) any {
	var cur any = m
	for _, k := range strings.Split(dotted, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}

// writeCSVFolder writes one GB18030 CSV file per sheet (CRLF, as Excel on Windows saves).
func writeCSVFolder(t testing.TB, dir string, sheets []sheet) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, sh := range sheets {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.UseCRLF = true
		w.Write(sh.header)
		for _, row := range sh.rows {
			var texts []string
			for _, c := range row {
				texts = append(texts, c.text)
			}
			w.Write(texts)
		}
		w.Flush()
		enc, err := simplifiedchinese.GB18030.NewEncoder().Bytes(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, sh.name+".csv"), enc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeWorkbook writes the sheets into one XLSX workbook.
func writeWorkbook(t testing.TB, path string, sheets []sheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	styles := map[string]int{}
	styleOf := func(numFmt string) int {
		if id, ok := styles[numFmt]; ok {
			return id
		}
		nf := numFmt
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &nf})
		if err != nil {
			t.Fatal(err)
		}
		styles[numFmt] = id
		return id
	}
	for i, sh := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", sh.name)
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		r := 1
		if sh.title != "" {
			f.SetCellStr(sh.name, "A1", sh.title)
			f.MergeCell(sh.name, "A1", records.ColumnName(len(sh.header)-1)+"1")
			r = 2
		}
		for j, h := range sh.header {
			f.SetCellStr(sh.name, fmt.Sprintf("%s%d", records.ColumnName(j), r), h)
		}
		for _, row := range sh.rows {
			r++
			for j, c := range row {
				ref := fmt.Sprintf("%s%d", records.ColumnName(j), r)
				switch {
				case c.num != nil:
					f.SetCellFloat(sh.name, ref, *c.num, -1, 64)
					if c.numFmt != "" {
						f.SetCellStyle(sh.name, ref, ref, styleOf(c.numFmt))
					}
				case c.boolean != nil:
					f.SetCellBool(sh.name, ref, *c.boolean)
				case c.text != "":
					f.SetCellStr(sh.name, ref, c.text)
				}
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestFormatsWriteFixtures(t *testing.T) {
	if !*updateFormats {
		t.Skip("run with -update-formats to rewrite fixtures/formats from its JSON")
	}
	lay := layout(t)
	doc := readExport(t, formatsJSON)
	os.RemoveAll(formatsCSV)
	writeCSVFolder(t, formatsCSV, sheetsOf(lay, doc, false))
	writeWorkbook(t, formatsXLSX, sheetsOf(lay, doc, true))
}

// scanJSON scans paths and returns the findings JSON without locations, and the result.
func scanJSON(t testing.TB, profile, asOf string, paths ...string) (string, *findings.Result) {
	t.Helper()
	res, err := setup(t).Run(context.Background(), scan.Options{Profile: profile, AsOf: asOf, Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("file errors: %+v", res.Errors)
	}
	for i := range res.Findings {
		res.Findings[i].Location = nil
		// the locations of the facts an explanation read differ by format too
		steps, _ := res.Findings[i].Detail["steps"].([]any)
		for _, st := range steps {
			if m, ok := st.(map[string]any); ok {
				delete(m, "location")
			}
		}
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b), res
}

func TestFormatsGiveTheSameFindings(t *testing.T) {
	want, res := scanJSON(t, "qidong-2023", "2024-02-20", formatsJSON)
	if len(res.Findings) < 20 {
		t.Fatalf("the county's export gives %d findings; the comparison needs a real mix", len(res.Findings))
	}
	// a folder of CSV files from some agencies and a workbook from the others are one export
	mixed := t.TempDir()
	lay := layout(t)
	doc := readExport(t, formatsJSON)
	var csvPart, xlsxPart []sheet
	for _, sh := range sheetsOf(lay, doc, false) {
		switch sh.name {
		case "导出信息", "执法单位", "执法人员", "培训记录", "考试记录":
			csvPart = append(csvPart, sh)
		}
	}
	for _, sh := range sheetsOf(lay, doc, true) {
		switch sh.name {
		case "导出信息", "执法单位", "执法人员", "培训记录", "考试记录":
		default:
			xlsxPart = append(xlsxPart, sh)
		}
	}
	writeCSVFolder(t, filepath.Join(mixed, "人员"), csvPart)
	writeWorkbook(t, filepath.Join(mixed, "案件与检查.xlsx"), xlsxPart)
	for name, path := range map[string]string{"csv-gb18030": formatsCSV, "xlsx": formatsXLSX, "mixed": mixed} {
		t.Run(name, func(t *testing.T) {
			got, _ := scanJSON(t, "qidong-2023", "2024-02-20", path)
			if got != want {
				t.Errorf("findings differ from the JSON export's:\n%s", diffLines(want, got))
			}
		})
	}
}

// TestFormatsLocationsNameCells: the spreadsheet findings point at the sheet, row and cell.
func TestFormatsLocationsNameCells(t *testing.T) {
	res, err := setup(t).Run(context.Background(), scan.Options{Profile: "qidong-2023", AsOf: "2024-02-20", Paths: []string{formatsXLSX}})
	if err != nil {
		t.Fatal(err)
	}
	var data01 *findings.Finding
	for i, f := range res.Findings {
		if f.Kind == "export" {
			continue // jurisdiction-wide findings have no record
		}
		if f.Location == nil || f.Location.Sheet == "" || !strings.Contains(f.Location.Cell, "!") {
			t.Errorf("%s %s: location %+v names no cell", f.Rule, f.Record, f.Location)
		}
		if f.Rule == "DATA-01" {
			data01 = &res.Findings[i]
		}
	}
	if data01 == nil || data01.Location.Sheet != "执法案件" || data01.Location.Column != "H" {
		t.Errorf("DATA-01 = %+v, want the 立案日期 cell of 执法案件", data01)
	}
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	seen := map[string]int{}
	for _, l := range al {
		seen[l]++
	}
	var out []string
	for _, l := range bl {
		if seen[l] > 0 {
			seen[l]--
			continue
		}
		out = append(out, "+ "+l)
	}
	for l, n := range seen {
		for ; n > 0; n-- {
			out = append(out, "- "+l)
		}
	}
	sort.Strings(out)
	if len(out) > 60 {
		out = append(out[:60], "…")
	}
	return strings.Join(out, "\n")
}
