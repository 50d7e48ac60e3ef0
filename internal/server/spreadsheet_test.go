package server

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/scan"
)

// writeWorkbook writes a small export as a clerk's workbook: a 导出信息 header sheet and one sheet per
// kind named in Chinese, with one impossible date (案件!E2) for DATA-01.
func writeWorkbook(t testing.TB, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"导出信息", [][]any{{"key", "value"}, {"jurisdiction", "qidong-2023"}, {"generated_at", "2023-12-31T09:00:00+08:00"}, {"source", "serve test"}}},
		{"执法单位", [][]any{{"id", "name", "type"}, {"U-HL", "启东市汇龙镇人民政府", "town"}}},
		{"执法人员", [][]any{
			{"id", "name", "unit", "role", "post", "certificate.number", "certificate.issued", "certificate.expires", "certificate.status"},
			{"O-1", "王芳", "U-HL", "officer", "enforcement", "330000201900101", "2019-01-01", "2029-12-31", "valid"},
		}},
		{"案件", [][]any{
			{"id", "unit", "category", "procedure", "opened", "handlers"},
			{"C-HL-1", "U-HL", "license", "general", "2023-02-30", "O-1"},
			{"C-HL-2", "U-HL", "license", "general", "2023-03-01", "O-1"},
		}},
	}
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func needSpreadsheets(t *testing.T) {
	for _, ext := range []string{".xlsx", ".csv"} {
		if _, ok := records.Extensions[ext]; !ok {
			t.Skipf("this build does not read %s exports yet", ext)
		}
	}
}

// A workbook uploaded through the API gives what `jiandu scan` gives for it, and DATA-01 points at the
// sheet, row and column.
func TestScanWorkbook(t *testing.T) {
	needSpreadsheets(t)
	_, ts := start(t, Config{})
	dir := t.TempDir()
	book := filepath.Join(dir, "汇龙镇导出.xlsx")
	writeWorkbook(t, book)
	want := expected(t, scan.Options{}, book)

	ct, body := multipartBody(t, part{"file", "汇龙镇导出.xlsx", read(t, book)})
	a := post(t, ts.URL+"/v1/scan", ct, body)
	if a.code != 200 {
		t.Fatalf("%d %s", a.code, a.body)
	}
	if !bytes.Equal(a.body, want) {
		t.Errorf("the API's findings differ from the scan's\n got %s\nwant %s", a.body, want)
	}
	var found bool
	for _, f := range result(t, a.body).Findings {
		if f.Rule == "DATA-01" && f.Record == "C-HL-1" {
			found = true
			if l := f.Location; l == nil || l.File != "汇龙镇导出.xlsx" || l.Sheet != "案件" || l.Row != 2 || l.Column != "E" || l.Cell != "案件!E2" {
				t.Errorf("DATA-01 location %+v, want 汇龙镇导出.xlsx 案件!E2", l)
			}
		}
	}
	if !found {
		t.Errorf("no DATA-01 for the impossible date:\n%s", a.body)
	}
	// the raw body with a filename hint, and sniffed from the zip signature without one
	if a := post(t, ts.URL+"/v1/scan?filename=汇龙镇导出.xlsx", "application/octet-stream", read(t, book)); !bytes.Equal(a.body, want) {
		t.Errorf("raw workbook: %d %s", a.code, a.body)
	}
	if a := post(t, ts.URL+"/v1/scan", "", read(t, book)); a.code != 200 || !strings.Contains(string(a.body), `"file": "export.xlsx"`) {
		t.Errorf("sniffed workbook: %d %.300s", a.code, a.body)
	}
}

// CSV files say their kind by their names: the upload keeps the names.
func TestScanCSVFiles(t *testing.T) {
	needSpreadsheets(t)
	_, ts := start(t, Config{})
	dir := t.TempDir()
	files := map[string]string{
		"export.csv":   "key,value\njurisdiction,qidong-2023\ngenerated_at,2023-12-31T09:00:00+08:00\n",
		"units.csv":    "id,name,type\nU-HL,启东市汇龙镇人民政府,town\n",
		"officers.csv": "id,name,unit,role,post,certificate.status\nO-1,王芳,U-HL,officer,enforcement,valid\n",
		"cases.csv":    "id,unit,category,procedure,opened,handlers\nC-HL-1,U-HL,license,general,2023-02-30,O-1\n",
	}
	var parts []part
	var paths []string
	for _, name := range []string{"cases.csv", "export.csv", "officers.csv", "units.csv"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(files[name]), 0o600)
		paths = append(paths, p)
		parts = append(parts, part{"file", name, []byte(files[name])})
	}
	want := expected(t, scan.Options{}, paths...)
	ct, body := multipartBody(t, parts...)
	a := post(t, ts.URL+"/v1/scan", ct, body)
	if a.code != 200 || !bytes.Equal(a.body, want) {
		t.Fatalf("%d; same as the scan: %v\n%s\nwant %s", a.code, bytes.Equal(a.body, want), a.body, want)
	}
	if res := result(t, a.body); res.Summary.Records != 3 || res.Profile != "qidong-2023" {
		t.Errorf("records %d, profile %s", res.Summary.Records, res.Profile)
	}
}
