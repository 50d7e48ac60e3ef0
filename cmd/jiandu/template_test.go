package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/records"
)

// The county export of fixtures/formats (the qidong-2023 demo) is what clerks fill the templates
// with in these tests.
const countyJSON = "../../fixtures/formats/qidong-2023.json"

func sheetLayout(t *testing.T) *records.Layout {
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

func countyExport(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(countyJSON)
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

// rowsFor is what a clerk types into a template sheet for the export: its header decides the columns.
func rowsFor(t *testing.T, lay *records.Layout, sheet string, header []string, doc map[string]any) [][]string {
	t.Helper()
	var sc *records.Scope
	for _, s := range lay.Scopes {
		if s.Name == sheet {
			sc = s
		}
	}
	if sc == nil {
		t.Fatalf("template sheet %s is no scope", sheet)
	}
	if sc.Kind == "export" {
		h, _ := doc["export"].(map[string]any)
		var rows [][]string
		for _, c := range sc.Columns {
			if v := lookup(h, c.Path); v != nil {
				rows = append(rows, []string{c.Header, c.Cell(v)})
			}
		}
		return rows
	}
	byHeader := map[string]*records.Column{}
	for _, c := range sc.Columns {
		byHeader[c.Header] = c
	}
	recs, _ := doc[records.Plural[sc.Kind]].([]any)
	var rows [][]string
	emit := func(parent string, m map[string]any) {
		var row []string
		for i, h := range header {
			if i == 0 && sc.Sub != "" {
				row = append(row, parent)
				continue
			}
			c := byHeader[h]
			if c == nil {
				t.Fatalf("%s: header %q is no column", sheet, h)
			}
			row = append(row, c.Cell(lookup(m, c.Path)))
		}
		rows = append(rows, row)
	}
	for _, r := range recs {
		rec := r.(map[string]any)
		if sc.Sub == "" {
			emit("", rec)
			continue
		}
		items, _ := rec[sc.Sub].([]any)
		for _, it := range items {
			emit(rec["id"].(string), it.(map[string]any))
		}
	}
	return rows
}

func lookup(m map[string]any, path []string) any {
	var cur any = m
	for _, k := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}

// withoutLocations is a scan's JSON without the findings' locations, for comparing formats.
func withoutLocations(t *testing.T, out string) string {
	t.Helper()
	doc := findingsOf(t, out)
	for _, f := range doc["findings"].([]any) {
		delete(f.(map[string]any), "location")
		// the locations of the facts an explanation read differ by format too
		detail, _ := f.(map[string]any)["detail"].(map[string]any)
		steps, _ := detail["steps"].([]any)
		for _, st := range steps {
			delete(st.(map[string]any), "location")
		}
	}
	b, _ := json.MarshalIndent(doc, "", " ")
	return string(b)
}

func TestTemplateXLSXFilledWithTheCountyScansLikeItsJSON(t *testing.T) {
	dir := t.TempDir()
	r := runJiandu(t, "", "template", "--out", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	path := filepath.Join(dir, "jiandu-template.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lay := sheetLayout(t)
	// a sheet per scope, Chinese headers, an example row, a drop-down on every enum and yes/no column
	if got := len(f.GetSheetList()); got != len(lay.Scopes) {
		t.Errorf("%d sheets, want %d", got, len(lay.Scopes))
	}
	for _, sc := range lay.Scopes {
		rows, err := f.GetRows(sc.Name)
		if err != nil || len(rows) < 2 {
			t.Fatalf("sheet %s: %v rows %d", sc.Name, err, len(rows))
		}
		if sc.Kind == "export" {
			continue
		}
		dvs, _ := f.GetDataValidations(sc.Name)
		lists := map[string]string{}
		for _, dv := range dvs {
			lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
		}
		for i, h := range rows[0] {
			if !strings.ContainsFunc(h, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("sheet %s column %d header %q is not Chinese", sc.Name, i, h)
			}
		}
		off := 0
		if sc.Sub != "" {
			off = 1
		}
		for j, c := range sc.Columns {
			cell := records.ColumnName(j+off) + "2"
			want := len(c.Enum()) > 0 && c.Type() != "list" || c.Type() == "boolean"
			if got := lists[cell] != ""; got != want {
				t.Errorf("sheet %s %s (%s): drop-down %v, want %v", sc.Name, c.Header, c.Key, got, want)
			}
			if want && len(c.Enum()) > 0 && !strings.Contains(lists[cell], c.Labels[0]) {
				t.Errorf("sheet %s %s: drop-down %s lacks %s", sc.Name, c.Header, lists[cell], c.Labels[0])
			}
		}
	}
	// the blank template scans without a data finding
	blank := runJiandu(t, "", "scan", "--format", "json", path)
	for _, fd := range findingsOf(t, blank.stdout)["findings"].([]any) {
		if rule := fd.(map[string]any)["rule"].(string); strings.HasPrefix(rule, "DATA-") {
			t.Errorf("blank template: %v", fd)
		}
	}
	// fill it with the county's records in place of the examples
	doc := countyExport(t)
	for _, sc := range lay.Scopes {
		rows, _ := f.GetRows(sc.Name)
		header := rows[0]
		for r := len(rows); r >= 2; r-- {
			f.RemoveRow(sc.Name, r)
		}
		for i, row := range rowsFor(t, lay, sc.Name, header, doc) {
			cells := make([]any, len(row))
			for j, c := range row {
				cells[j] = c
			}
			if err := f.SetSheetRow(sc.Name, "A"+strconv.Itoa(i+2), &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	filled := filepath.Join(dir, "启东市.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	want := runJiandu(t, "", "scan", "--format", "json", "--profile", "qidong-2023", "--as-of", "2024-02-20", countyJSON)
	got := runJiandu(t, "", "scan", "--format", "json", "--profile", "qidong-2023", "--as-of", "2024-02-20", filled)
	if got.code != want.code || withoutLocations(t, got.stdout) != withoutLocations(t, want.stdout) {
		t.Errorf("the filled template (exit %d) does not scan like the county's JSON (exit %d)\n%s", got.code, want.code, got.stderr)
	}
}

func TestTemplateCSVFilledWithTheCountyScansLikeItsJSON(t *testing.T) {
	dir := t.TempDir()
	r := runJiandu(t, "", "template", "--format", "csv", "--out", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lay := sheetLayout(t)
	doc := countyExport(t)
	for _, sc := range lay.Scopes {
		p := filepath.Join(dir, sc.Name+".csv")
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s has no UTF-8 BOM (Excel shows its Chinese as mojibake)", p)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("%s: %v", p, err)
		}
		var b bytes.Buffer
		b.WriteString("\xEF\xBB\xBF")
		w := csv.NewWriter(&b)
		w.Write(recs[0])
		w.WriteAll(rowsFor(t, lay, sc.Name, recs[0], doc))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := runJiandu(t, "", "scan", "--format", "json", "--profile", "qidong-2023", "--as-of", "2024-02-20", countyJSON)
	got := runJiandu(t, "", "scan", "--format", "json", "--profile", "qidong-2023", "--as-of", "2024-02-20", dir)
	if got.code != want.code || withoutLocations(t, got.stdout) != withoutLocations(t, want.stdout) {
		t.Errorf("the filled CSV template (exit %d) does not scan like the county's JSON (exit %d)\n%s", got.code, want.code, got.stderr)
	}
}

func TestConvertSpreadsheetsToCanonicalJSONAndNDJSON(t *testing.T) {
	dir := t.TempDir()
	want := runJiandu(t, "", "scan", "--format", "json", "--profile", "qidong-2023", "--as-of", "2024-02-20", countyJSON)
	for _, to := range []string{"json", "ndjson"} {
		out := filepath.Join(dir, "county."+to)
		r := runJiandu(t, "", "convert", "--to", to, "-o", out, "../../fixtures/formats/csv-gb18030")
		// the county's C-SJ-2023-011 has an impossible 立案日期: written as read, reported, exit 1
		if r.code != 1 || !strings.Contains(r.stderr, "C-SJ-2023-011") || !strings.Contains(r.stderr, "执法案件!H") {
			t.Fatalf("convert --to %s: exit %d\n%s", to, r.code, r.stderr)
		}
		got := runJiandu(t, "", "scan", "--format", "json", "--profile", "qidong-2023", "--as-of", "2024-02-20", out)
		if withoutLocations(t, got.stdout) != withoutLocations(t, want.stdout) {
			t.Errorf("the converted %s does not scan like the county's JSON\n%s", to, got.stderr)
		}
	}
	r := runJiandu(t, "", "convert", "../../fixtures/formats/xlsx/启东市2023年度行政执法数据.xlsx")
	if !strings.HasPrefix(r.stdout, "{\n  \"export\": {") || !strings.Contains(r.stdout, `"opened":"2023-02-30"`) {
		t.Errorf("convert to standard output: %.300s", r.stdout)
	}
	if r := runJiandu(t, "", "convert", filepath.Join(dir, "missing.csv")); r.code != 2 {
		t.Errorf("convert of a missing file: exit %d, want 2", r.code)
	}
}
