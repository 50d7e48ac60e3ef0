package records_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/scan"
)

// fixtures/bad holds inputs that are wrong on purpose, each with <name>.expect.json beside it: the exit
// status `jiandu scan` gives, how many records were read and how many passed to the rules, every
// DATA-0x finding with its exact location, and the file errors with what their message says. Inputs
// that would be huge or that the file system must make (100,000 duplicate ids, a zip bomb, a 10 MB
// cell, a link loop, an unreadable file) are made by the tests below in a temporary folder.
//
//	go test ./internal/records -run TestBadInputs -update-bad   rewrites the XLSX inputs and, for
//	review, the expectations from what the scan gives now.

var updateBad = flag.Bool("update-bad", false, "rewrite fixtures/bad XLSX inputs and the expect files from the current outcomes")

const badDir = "../../fixtures/bad"

type badExpect struct {
	About    string       `json:"about"`
	Profile  string       `json:"profile,omitempty"`
	AsOf     string       `json:"as_of,omitempty"`
	Exit     int          `json:"exit"`
	Records  int          `json:"records"`
	Valid    int          `json:"valid"`
	Findings []badFinding `json:"findings"`
	Errors   []badError   `json:"errors"`
}

type badFinding struct {
	Rule     string            `json:"rule"`
	Kind     string            `json:"kind"`
	Record   string            `json:"record"`
	Key      string            `json:"key,omitempty"`
	Location *records.Location `json:"location"`
	Detail   map[string]any    `json:"detail,omitempty"`
}

type badError struct {
	File     string `json:"file"`
	Contains string `json:"contains"`
}

// badOutcome is what a scan of one input gave, in the expectation's terms.
type badOutcome struct {
	exit     int
	records  int
	valid    int
	findings []badFinding
	errors   []records.FileError
	all      *findings.Result
}

// exitStatus is `jiandu scan`'s exit status with the default --fail-on error.
func exitStatus(res *findings.Result) int {
	if len(res.Errors) > 0 {
		return 2
	}
	for _, f := range res.Findings {
		if f.Severity == "error" {
			return 1
		}
	}
	return 0
}

func scanBad(t testing.TB, base, profile, asOf string, paths ...string) badOutcome {
	t.Helper()
	if profile == "" {
		profile = "national"
	}
	if asOf == "" {
		asOf = "2024-03-01"
	}
	var res *findings.Result
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("panic: %v", p)
			}
		}()
		res, err = setup(t).Run(context.Background(), scan.Options{Profile: profile, AsOf: asOf, Paths: paths})
	}()
	if err != nil {
		t.Fatalf("the run failed: %v", err)
	}
	out := badOutcome{exit: exitStatus(res), records: res.Summary.Records, all: res}
	rel := func(p string) string {
		if r, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return p
	}
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Rule, "DATA-") {
			continue
		}
		bf := badFinding{Rule: f.Rule, Kind: f.Kind, Record: rel(f.Record), Key: f.Key, Location: f.Location}
		if bf.Location != nil {
			loc := *bf.Location
			loc.File = rel(loc.File)
			bf.Location = &loc
		}
		if f.Rule == "DATA-03" {
			bf.Key = "" // names the file as given
		}
		if f.Rule == "DATA-01" {
			bf.Detail = f.Detail
		}
		out.findings = append(out.findings, bf)
	}
	for _, e := range res.Errors {
		e.File = rel(e.File)
		out.errors = append(out.errors, e)
	}
	// how many records passed to the rules
	v, err := records.NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ch := make(chan struct{}, 1<<20)
	ld := records.NewLoader(v, func(*records.Record) { ch <- struct{}{} })
	ld.LoadPaths(paths, nil)
	ld.Finish()
	n = len(ch)
	out.valid = n
	return out
}

func badInputs(t *testing.T) map[string][]string {
	t.Helper()
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".expect.json") || strings.HasSuffix(name, ".md") {
			continue
		}
		stem := name
		if !e.IsDir() {
			stem = strings.TrimSuffix(name, filepath.Ext(name))
		}
		inputs[stem] = append(inputs[stem], filepath.Join(badDir, name))
	}
	return inputs
}

func TestBadInputs(t *testing.T) {
	if *updateBad {
		writeBadWorkbooks(t)
	}
	inputs := badInputs(t)
	if len(inputs) < 40 {
		t.Errorf("fixtures/bad holds %d inputs, want at least 40", len(inputs))
	}
	var stems []string
	for s := range inputs {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	for _, stem := range stems {
		t.Run(stem, func(t *testing.T) {
			expPath := filepath.Join(badDir, stem+".expect.json")
			var exp badExpect
			raw, err := os.ReadFile(expPath)
			if err != nil && !*updateBad {
				t.Fatalf("no expectation beside the input: %v", err)
			}
			if err == nil {
				if err := json.Unmarshal(raw, &exp); err != nil {
					t.Fatalf("%s: %v", expPath, err)
				}
			}
			got := scanBad(t, badDir, exp.Profile, exp.AsOf, inputs[stem]...)
			if *updateBad {
				exp.Exit, exp.Records, exp.Valid, exp.Findings = got.exit, got.records, got.valid, got.findings
				prev := exp.Errors
				exp.Errors = nil
				for i, e := range got.errors {
					c := e.Message
					if i < len(prev) && prev[i].Contains != "" && strings.Contains(e.Message, prev[i].Contains) {
						c = prev[i].Contains
					}
					exp.Errors = append(exp.Errors, badError{File: e.File, Contains: c})
				}
				var b bytes.Buffer
				enc := json.NewEncoder(&b)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				enc.Encode(exp)
				if err := os.WriteFile(expPath, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			checkBad(t, exp, got)
		})
	}
}

func checkBad(t *testing.T, exp badExpect, got badOutcome) {
	t.Helper()
	if got.exit != exp.Exit {
		t.Errorf("exit %d, want %d", got.exit, exp.Exit)
	}
	if got.records != exp.Records || got.valid != exp.Valid {
		t.Errorf("records read %d, passed to the rules %d; want %d and %d", got.records, got.valid, exp.Records, exp.Valid)
	}
	gf, _ := json.Marshal(got.findings)
	ef, _ := json.Marshal(exp.Findings)
	if exp.Findings == nil {
		ef = []byte("null")
	}
	if string(gf) != string(ef) {
		t.Errorf("DATA findings differ\n got: %s\nwant: %s", gf, ef)
	}
	if len(got.errors) != len(exp.Errors) {
		t.Fatalf("file errors %+v, want %+v", got.errors, exp.Errors)
	}
	for i, e := range exp.Errors {
		g := got.errors[i]
		if g.File != e.File || !strings.Contains(g.Message, e.Contains) {
			t.Errorf("file error %s: %q, want %s: …%s…", g.File, g.Message, e.File, e.Contains)
		}
		if len(g.Message) < 30 || !strings.ContainsAny(g.Message, ":：") {
			t.Errorf("file error %q does not say what to fix", g.Message)
		}
	}
	if exp.Exit == 2 && len(got.errors) == 0 {
		t.Error("exit 2 without a file error")
	}
}

// ---- the generated inputs ----

func TestBadInputTenMegabyteCell(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("很长的备注", 10<<20/15+1) // 10 MB of UTF-8
	csvDir := filepath.Join(dir, "csv")
	os.MkdirAll(csvDir, 0o755)
	os.WriteFile(filepath.Join(csvDir, "执法单位.csv"), []byte("单位编号,单位类型\nU-1,部门\n"), 0o644)
	os.WriteFile(filepath.Join(csvDir, "监督线索.csv"), []byte("线索编号,承办单位,收到日期,处理结果\nK-1,U-1,2023-03-01,"+big+"\nK-2,U-1,2023-03-02,已办结\n"), 0o644)
	got := scanBad(t, dir, "", "", csvDir)
	want := []badFinding{{Rule: "DATA-01", Kind: "clue", Record: "K-1",
		Location: &records.Location{File: "csv/监督线索.csv", Sheet: "监督线索", Row: 2, Column: "D", Cell: "监督线索!D2"}}}
	checkCellFinding(t, got, want, "more than the 1048576 a cell may hold")
	if got.valid != 2 { // U-1 and K-2
		t.Errorf("valid %d, want 2", got.valid)
	}

	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "监督线索")
	f.SetSheetRow("监督线索", "A1", &[]any{"线索编号", "承办单位", "收到日期", "处理结果"})
	f.SetSheetRow("监督线索", "A2", &[]any{"K-1", "U-1", "2023-03-01", big[:3*32767]}) // Excel's own cell limit is 32,767 characters
	f.SetSheetRow("监督线索", "A3", &[]any{"K-2", "U-1", "2023-03-02", "已办结"})
	// a cell past Excel's limit, written by hand into the sheet XML by other tools
	p := filepath.Join(dir, "clues.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	patchSheet(t, p, "xl/worksheets/sheet1.xml", func(x string) string {
		return strings.Replace(x, "</sheetData>", `<row r="4"><c r="A4" t="inlineStr"><is><t>K-3</t></is></c><c r="B4" t="inlineStr"><is><t>U-1</t></is></c><c r="C4" t="inlineStr"><is><t>2023-03-03</t></is></c><c r="D4" t="inlineStr"><is><t>`+big+`</t></is></c></row></sheetData>`, 1)
	})
	got = scanBad(t, dir, "", "", p)
	want = []badFinding{{Rule: "DATA-01", Kind: "clue", Record: "K-3",
		Location: &records.Location{File: "clues.xlsx", Sheet: "监督线索", Row: 4, Column: "D", Cell: "监督线索!D4"}}}
	checkCellFinding(t, got, want, "more than the 1048576 a cell may hold")
	if got.records != 3 || got.valid != 2 {
		t.Errorf("records %d valid %d, want 3 and 2", got.records, got.valid)
	}
}

// checkCellFinding compares DATA findings without their detail, then checks the reason.
func checkCellFinding(t *testing.T, got badOutcome, want []badFinding, reason string) {
	t.Helper()
	var plain []badFinding
	for _, f := range got.findings {
		if f.Rule == "DATA-04" || f.Rule == "DATA-02" {
			continue
		}
		if f.Detail != nil && !strings.Contains(fmt.Sprint(f.Detail["reason"]), reason) {
			t.Errorf("reason %q does not say %q", f.Detail["reason"], reason)
		}
		if v := fmt.Sprint(f.Detail["value"]); len(v) > 200 {
			t.Errorf("the finding repeats %d bytes of the cell", len(v))
		}
		f.Detail = nil
		plain = append(plain, f)
	}
	g, _ := json.Marshal(plain)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("findings\n got: %s\nwant: %s", g, w)
	}
}

func patchSheet(t *testing.T, path, part string, patch func(string) string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		if f.Name == part {
			w.Write([]byte(patch(b.String())))
		} else {
			w.Write(b.Bytes())
		}
	}
	zr.Close()
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBadInputHundredThousandDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("单位编号,单位类型\nU-1,部门\n")
	os.WriteFile(filepath.Join(dir, "执法单位.csv"), []byte(b.String()), 0o644)
	b.Reset()
	b.WriteString("案件编号,执法单位编号,案件类别,立案日期\n")
	const n = 100_000
	for i := 0; i < n; i++ {
		b.WriteString("C-DUP,U-1,行政处罚,2023-03-01\n")
	}
	os.WriteFile(filepath.Join(dir, "案件.csv"), []byte(b.String()), 0o644)
	// the loader: every copy read, one DATA-03 fact per later copy naming its row
	v, err := records.NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ld := records.NewLoader(v, nil)
	ld.LoadPaths([]string{dir}, nil)
	ld.Finish()
	t.Logf("loading 100,000 copies of one id: %v", time.Since(start))
	if len(ld.Facts.Duplicates) != n-1 || ld.Records != n+1 || ld.Facts.Duplicates[0].First.Cell != "案件!A2" || ld.Facts.Duplicates[n-2].Loc.Cell != fmt.Sprintf("案件!A%d", n+1) {
		t.Fatalf("duplicates %d records %d", len(ld.Facts.Duplicates), ld.Records)
	}
	if testing.Short() {
		t.Skip("-short: the full scan of 100,000 cases (about 40 s, nearly all rule evaluation) is skipped")
	}
	start = time.Now()
	got := scanBad(t, dir, "", "", dir)
	t.Logf("100,000 copies of one id: %v", time.Since(start))
	dups := 0
	for _, f := range got.findings {
		if f.Rule == "DATA-03" {
			dups++
			if f.Record != "C-DUP" || f.Location == nil || f.Location.Row < 3 {
				t.Fatalf("DATA-03 %+v", f)
			}
		}
	}
	if dups != n-1 || got.records != n+1 || got.exit != 1 {
		t.Errorf("DATA-03 %d, records %d, exit %d; want %d, %d, 1", dups, got.records, got.exit, n-1, n+1)
	}
}

// zipBomb writes a workbook whose parts declare far more unpacked bytes than the limits allow.
func zipBomb(t *testing.T, path, part string, size int) {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "案件")
	f.SetSheetRow("案件", "A1", &[]any{"案件编号", "执法单位编号", "案件类别", "立案日期"})
	var wb bytes.Buffer
	f.Write(&wb)
	zr, err := zip.NewReader(bytes.NewReader(wb.Bytes()), int64(wb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		w, _ := zw.Create(zf.Name)
		if zf.Name == part {
			// the part padded with spaces (valid XML, compresses a thousandfold)
			x := b.String()
			cut := strings.LastIndex(x, "</")
			w.Write([]byte(x[:cut]))
			pad := bytes.Repeat([]byte(" "), 1<<20)
			for i := 0; i < size>>20; i++ {
				w.Write(pad)
			}
			w.Write([]byte(x[cut:]))
			continue
		}
		w.Write(b.Bytes())
	}
	zw.Close()
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBadInputXLSXZipBomb(t *testing.T) {
	defer func(a, b int64) { records.MaxXLSXUnzipped, records.MaxXLSXPart = a, b }(records.MaxXLSXUnzipped, records.MaxXLSXPart)
	records.MaxXLSXUnzipped, records.MaxXLSXPart = 64<<20, 8<<20 // the same checks at a size a test can build quickly
	dir := t.TempDir()
	zipBomb(t, filepath.Join(dir, "sheet-bomb.xlsx"), "xl/worksheets/sheet1.xml", 100<<20)
	zipBomb(t, filepath.Join(dir, "styles-bomb.xlsx"), "xl/styles.xml", 16<<20)
	os.WriteFile(filepath.Join(dir, "units.json"), []byte(`{"units": [{"id": "U-1", "type": "department"}]}`), 0o644)
	for _, p := range []string{"sheet-bomb.xlsx", "styles-bomb.xlsx"} {
		st, _ := os.Stat(filepath.Join(dir, p))
		if st.Size() > 1<<20 {
			t.Fatalf("%s is %d bytes: not a bomb", p, st.Size())
		}
	}
	got := scanBad(t, dir, "", "", dir)
	if got.exit != 2 || len(got.errors) != 2 || got.valid != 1 {
		t.Fatalf("exit %d errors %+v valid %d; want 2, both bombs refused, the unit checked", got.exit, got.errors, got.valid)
	}
	for _, e := range got.errors {
		if !strings.Contains(e.Message, "zip bomb") {
			t.Errorf("%s: %q", e.File, e.Message)
		}
	}
}

func TestBadInputRowBomb(t *testing.T) {
	// a sheet whose one data row sits at the last row Excel has, and a cell in its last column
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "执法单位")
	f.SetSheetRow("执法单位", "A1", &[]any{"单位编号", "单位类型"})
	f.SetSheetRow("执法单位", "A2", &[]any{"U-1", "部门"})
	f.SetSheetRow("执法单位", "A1048576", &[]any{"U-2", "部门"})
	f.SetCellStr("执法单位", "XFD3", "远处的值")
	dir := t.TempDir()
	p := filepath.Join(dir, "units.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	got := scanBad(t, dir, "", "", p)
	if time.Since(start) > 20*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
	if got.records != 2 || got.valid != 2 || len(got.findings) != 1 || got.findings[0].Location.Cell != "执法单位!XFD3" {
		t.Errorf("records %d valid %d findings %+v", got.records, got.valid, got.findings)
	}
}

func TestBadInputSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "units.json"), []byte(`{"units": [{"id": "U-1", "type": "department"}]}`), 0o644)
	if err := os.Symlink("b", filepath.Join(dir, "a")); err != nil {
		t.Skip("cannot make links here:", err)
	}
	os.Symlink("a", filepath.Join(dir, "b"))
	os.Symlink("..", filepath.Join(dir, "up")) // a loop through a folder: followed once
	got := scanBad(t, dir, "", "", dir)
	if got.exit != 2 || got.valid != 1 || len(got.errors) != 2 {
		t.Fatalf("exit %d valid %d errors %+v", got.exit, got.valid, got.errors)
	}
	for _, e := range got.errors {
		if !strings.Contains(e.Message, "cannot follow the link") || !strings.Contains(e.Message, "remove it") {
			t.Errorf("%+v", e)
		}
	}
}

func TestBadInputUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cases.json")
	os.WriteFile(p, []byte(`{"units": [{"id": "U-1", "type": "department"}]}`), 0o644)
	if err := os.Chmod(p, 0); err != nil {
		t.Skip(err)
	}
	defer os.Chmod(p, 0o644)
	if f, err := os.Open(p); err == nil {
		f.Close()
		t.Skip("this user can read a file with mode 000 (root, as CI runs): the permission check cannot be shown here")
	}
	good := filepath.Join(dir, "good")
	os.MkdirAll(good, 0o755)
	os.WriteFile(filepath.Join(good, "units.json"), []byte(`{"units": [{"id": "U-2", "type": "department"}]}`), 0o644)
	got := scanBad(t, dir, "", "", dir)
	if got.exit != 2 || got.valid != 1 || len(got.errors) != 1 || !strings.Contains(got.errors[0].Message, "permission") {
		t.Errorf("exit %d valid %d errors %+v", got.exit, got.valid, got.errors)
	}
}

// ---- the workbooks in fixtures/bad (-update-bad) ----

func writeBadWorkbooks(t *testing.T) {
	t.Helper()
	save := func(f *excelize.File, path string) {
		t.Helper()
		p := filepath.Join(badDir, path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, 0o644)
		f.Close()
	}
	units := func(f *excelize.File, sheet string) {
		f.SetSheetRow(sheet, "A1", &[]any{"单位编号", "单位名称", "单位类型"})
		f.SetSheetRow(sheet, "A2", &[]any{"U-1", "测试局", "行政执法部门"})
	}
	caseHeader := []any{"案件编号", "执法单位编号", "案件类别", "适用程序", "立案日期", "罚款金额", "重大行政执法决定", "决定日期"}

	// 35: a workbook cut off half way (a broken download)
	whole, err := os.ReadFile(formatsXLSX)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(badDir, "35-xlsx-truncated"), 0o755)
	os.WriteFile(filepath.Join(badDir, "35-xlsx-truncated", "export.xlsx"), whole[:len(whole)/2], 0o644)

	// 38: a title row merged across, a group header merged over its parts, a header merged over two
	// columns that both hold values
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "执法单位")
	units(f, "执法单位")
	f.NewSheet("执法案件")
	s := "执法案件"
	f.SetCellStr(s, "A1", "测试局2023年行政处罚案件")
	f.MergeCell(s, "A1", "H1")
	f.SetSheetRow(s, "A2", &[]any{"案件编号", "执法单位编号", "当事人", "", "立案日期", "案件类别", "适用程序", "罚款金额"})
	for _, col := range []string{"A", "B", "E", "F", "G"} {
		f.MergeCell(s, col+"2", col+"3")
	}
	f.MergeCell(s, "C2", "D2")
	f.MergeCell(s, "H2", "I3")
	f.SetSheetRow(s, "C3", &[]any{"名称", "统一社会信用代码"})
	f.SetSheetRow(s, "A4", &[]any{"C-1", "U-1", "某贸易公司", "91320681MA1XXXXX0Q", "2023-03-01", "行政处罚", "简易程序", 200, "贰佰元"})
	f.SetSheetRow(s, "A5", &[]any{"C-2", "U-1", "某餐饮店", "92320681MA1YYYYY0Q", "2023-03-02", "行政处罚", "简易程序", 100, "壹佰元"})
	save(f, "38-xlsx-merged-header-cells/export.xlsx")

	// 39: formulas: one with the value Excel saved, one that was never calculated
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", "执法单位")
	units(f, "执法单位")
	f.NewSheet("案件")
	f.SetSheetRow("案件", "A1", &caseHeader)
	f.SetSheetRow("案件", "A2", &[]any{"C-1", "U-1", "行政处罚", "简易程序", 44986, 100, false, 44987})
	f.SetCellFormula("案件", "F2", "=50*2")
	f.SetSheetRow("案件", "A3", &[]any{"C-2", "U-1", "行政处罚", "简易程序", nil, 200, false, 44987})
	f.SetCellFormula("案件", "E3", "=DATE(2023,3,1)")
	save(f, "39-xlsx-formulas/export.xlsx")
	// excelize keeps F2's value as the saved result of its formula; E3's formula has none, as when
	// a generator writes formulas and nothing ever calculates them

	// 40: one sheet of a workbook without its header row: the other sheet is read
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", "执法单位")
	units(f, "执法单位")
	f.NewSheet("案件")
	f.SetSheetRow("案件", "A1", &[]any{"C-1", "U-1", "行政处罚", "简易程序", "2023-03-01"})
	save(f, "40-xlsx-sheet-without-header/export.xlsx")

	// 41: cells that do not convert, in a main sheet and in a sub-record sheet
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", "执法单位")
	units(f, "执法单位")
	f.NewSheet("执法人员")
	f.SetSheetRow("执法人员", "A1", &[]any{"人员编号", "所属单位", "人员类别", "法制审核人员", "执法证有效期至"})
	f.SetSheetRow("执法人员", "A2", &[]any{"O-1", "U-1", "行政执法人员", "否", 46492})
	f.SetSheetRow("执法人员", "A3", &[]any{"O-2", "U-1", "行政执法人员", "待定", "长期"})
	f.SetSheetRow("执法人员", "A4", &[]any{"O-3", "U-1", "协警", "否", 46492})
	f.NewSheet("培训记录")
	f.SetSheetRow("培训记录", "A1", &[]any{"所属记录", "培训日期", "学时", "培训类别"})
	f.SetSheetRow("培训记录", "A2", &[]any{"O-1", 44986, 8, "业务知识"})
	f.SetSheetRow("培训记录", "A3", &[]any{"O-1", "2023年13月1日", "半天", "业务知识"})
	f.SetSheetRow("培训记录", "A4", &[]any{"O-3", 44990, 4, "法律法规"})
	save(f, "41-xlsx-bad-cells/export.xlsx")

	// 42: sheets that hold no kind: a note (reported) and an empty default sheet (ignored)
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", "执法单位")
	units(f, "执法单位")
	f.NewSheet("填写说明")
	f.SetCellStr("填写说明", "A1", "日期请按 2024-03-01 填写")
	f.NewSheet("Sheet3")
	save(f, "42-xlsx-unknown-sheets/export.xlsx")

	// 44: an export header sheet with a value that is no instant and a key RECORDS.md lacks
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", "导出信息")
	f.SetSheetRow("导出信息", "A1", &[]any{"项目", "值"})
	f.SetSheetRow("导出信息", "A2", &[]any{"辖区", "national"})
	f.SetSheetRow("导出信息", "A3", &[]any{"导出时间", "昨天下午"})
	f.SetSheetRow("导出信息", "A4", &[]any{"填报人", "张三"})
	f.NewSheet("执法单位")
	units(f, "执法单位")
	save(f, "44-xlsx-export-sheet-bad-values/export.xlsx")

	// 49: every sheet named in English and in the singular, with English keys as headers
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", "unit")
	f.SetSheetRow("unit", "A1", &[]any{"id", "type", "supervision_office"})
	f.SetSheetRow("unit", "A2", &[]any{"U-1", "department", "TRUE"})
	f.NewSheet("case")
	f.SetSheetRow("case", "A1", &[]any{"id", "unit", "category", "procedure", "opened", "decision.date", "decision.fine", "party.type"})
	f.SetSheetRow("case", "A2", &[]any{"C-1", "U-1", "penalty", "simple", "2023-03-01", "2023-03-01", 200, "individual"})
	f.NewSheet("case.documents")
	f.SetSheetRow("case.documents", "A1", &[]any{"parent", "type", "delivered"})
	f.SetSheetRow("case.documents", "A2", &[]any{"C-1", "decision", "2023-03-01"})
	save(f, "49-xlsx-english-names/export.xlsx")
}
