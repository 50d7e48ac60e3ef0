package records

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"math/big"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/jiandu/jiandu"
)

// Fuzz targets for the readers and the cell parsers. `go test` runs their seeds; fuzz one with
//
//	go test -run='^$' -fuzz=FuzzCSV -fuzztime=45s ./internal/records/
//
// Every reader must end in records, facts or a file error, never a panic or a hang, and every fact
// must say where it is.

var (
	fuzzOnce sync.Once
	fuzzV    *Validator
)

func fuzzLoader(t *testing.T) *Loader {
	fuzzOnce.Do(func() {
		v, err := NewValidator(jiandu.Policies())
		if err != nil {
			panic(err)
		}
		fuzzV = v
	})
	return NewLoader(fuzzV, func(*Record) {})
}

// checkLoaded holds for any input: a file that yields nothing has an error that says what to fix, and
// every fact names the file it is in (and, in a sheet, its cell).
func checkLoaded(t *testing.T, l *Loader, name string) {
	t.Helper()
	for _, e := range l.Errors {
		if e.File != name || len(e.Message) < 10 {
			t.Fatalf("file error %+v", e)
		}
	}
	facts := append(append(append([]Fact{}, l.Facts.SchemaErrors...), l.Facts.UnknownKeys...), l.Facts.Duplicates...)
	for _, f := range facts {
		if f.Loc.File != name {
			t.Fatalf("fact without its file: %+v", f)
		}
		if f.Loc.Sheet != "" && !strings.HasPrefix(f.Loc.Cell, f.Loc.Sheet+"!") {
			t.Fatalf("fact without its cell: %+v", f)
		}
		if !utf8.ValidString(f.Reason) || !utf8.ValidString(f.Value) || !utf8.ValidString(f.Key) {
			t.Fatalf("fact with broken text: %+v", f)
		}
	}
}

func FuzzJSON(f *testing.F) {
	for _, s := range []string{
		`{"units": [{"id": "U-1", "type": "department"}], "cases": [{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-02-30", "handlers": ["O-1"]}]}`,
		`{"export": {"jurisdiction": "national", "generated_at": "2024-01-10T09:00"}, "officers": [{"id": "O-1", "unit": "U-1", "role": "officer", "training": [{"hours": "8"}]}]}`,
		`{"cases": [1, "x", null, [], {}]}`, `{"cases": {}}`, `[]`, ``, `{"cases": [{"id": "C-1"`, "\xef\xbb\xbf{}", `PK`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l := fuzzLoader(t)
		l.LoadReader("f.json", bytes.NewReader(data), jsonFormat{})
		l.Finish()
		checkLoaded(t, l, "f.json")
	})
}

func FuzzNDJSON(f *testing.F) {
	for _, s := range []string{
		"{\"kind\": \"export\", \"jurisdiction\": \"national\"}\n{\"kind\": \"unit\", \"id\": \"U-1\", \"type\": \"department\"}\n{\"kind\": \"case\", \"id\": \"C-1\", broken\n[1]\n",
		"{\"kind\": \"incident\", \"id\": \"I-1\", \"unit\": \"U-1\", \"occurred\": \"2023-05-01 10:00\", \"officer_measures\": [{\"officer\": 1}]}\r\n\r\n",
		"\n\n", "{}{}\n", "{\"kind\": \"memo\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l := fuzzLoader(t)
		l.LoadReader("f.ndjson", bytes.NewReader(data), ndjsonFormat{})
		l.Finish()
		checkLoaded(t, l, "f.ndjson")
	})
}

var csvNames = []string{"案件.csv", "培训记录.csv", "导出信息.csv", "执法人员.csv", "行政处罚信息.csv", "不良影响事件.csv", "x.csv"}

func FuzzCSV(f *testing.F) {
	for i, s := range []string{
		"案件编号,执法单位编号,案件类别,立案日期,罚款金额（万元）,执法人员,重大行政执法决定\r\nC-1,U-1,行政处罚,2023年3月1日,0.5,\"O-1、O-2\",是\r\nC-2,U-1,x,2023/2/30,五千,,也许\r\n",
		"所属记录,培训日期,学时,培训类别\nO-1,44986,8,业务知识\n,2023-03-01,x,\n",
		"项目,值\n辖区,national\n导出时间,2024/1/10 9:00\n统计期间起,20230101\n",
		"人员编号\t所属单位\t人员类别\nO-1\tU-1\t辅助人员\n",
		"行政相对人名称,行政处罚决定书文号,处罚决定日期,罚款金额（万元）,处罚机关\n某公司,启市监罚〔2023〕1号,2023-04-03,1.2,某局\n",
		"事件编号,涉事单位,发生时间,初报时间\nI-1,U-1,2023年5月1日 10时30分,45047.5\n",
		"a,\"b\nc,d,e\nf,g,h\n", "\xef\xbb\xbf\xb0\xb8\xbc\xfe\xb1\xe0\xba\xc5\n", "\xff\xfea\x00", "",
	} {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := csvNames[int(which)%len(csvNames)]
		l := fuzzLoader(t)
		l.LoadReader(name, bytes.NewReader(data), csvFormat{})
		l.Finish()
		checkLoaded(t, l, name)
	})
}

// FuzzXLSX fuzzes what a workbook's sheet holds: the worksheet XML and the shared strings, zipped
// into an otherwise well-formed workbook (fuzzing the zip bytes themselves only reaches the zip
// reader's checks, which the bad-input corpus covers).
func FuzzXLSX(f *testing.F) {
	base := excelize.NewFile()
	base.SetSheetName("Sheet1", "执法案件")
	base.SetSheetRow("执法案件", "A1", &[]any{"案件编号", "执法单位编号", "案件类别", "立案日期", "罚款金额", "重大行政执法决定"})
	base.SetSheetRow("执法案件", "A2", &[]any{"C-1", "U-1", "行政处罚", 44986, 500, true})
	base.SetCellFormula("执法案件", "E2", "=1+1")
	var buf bytes.Buffer
	base.Write(&buf)
	parts := map[string][]byte{}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		parts[zf.Name] = b.Bytes()
	}
	f.Add(parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"])
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>案件编号</t></is></c><c r="C1" t="s"><v>99</v></c></row><row r="1048576"><c r="XFD1048576" t="b"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`), parts["xl/sharedStrings.xml"])
	f.Add([]byte(`<worksheet><sheetData><row><c t="d"><v>2023-03-01T00:00:00Z</v></c><c t="e"><v>#N/A</v></c></row></sheetData></worksheet>`), []byte(`<sst/>`))
	f.Fuzz(func(t *testing.T, sheetXML, sharedStrings []byte) {
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for name, b := range parts {
			switch name {
			case "xl/worksheets/sheet1.xml":
				b = sheetXML
			case "xl/sharedStrings.xml":
				b = sharedStrings
			}
			w, _ := zw.Create(name)
			w.Write(b)
		}
		zw.Close()
		l := fuzzLoader(t)
		l.LoadReader("f.xlsx", bytes.NewReader(out.Bytes()), xlsxFormat{})
		l.Finish()
		checkLoaded(t, l, "f.xlsx")
	})
}

var (
	reISODate    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reRFC3339ish = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", "20240301", "45352", "45352.75", "60", "0",
		"2023-02-30", "２０２４年３月１日", "2024-03-01 00:00:00", "2024-03-01T00:00:00Z", "2024-3/1", "24/3/1", "2958466", "1e5", " "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != "" || err.Error() == "" {
				t.Fatalf("ParseDate(%q) = %q, %v", s, d, err)
			}
		} else {
			if !reISODate.MatchString(d) {
				t.Fatalf("ParseDate(%q) = %q, not YYYY-MM-DD", s, d)
			}
			if again, err := ParseDate(d); err != nil || again != d {
				t.Fatalf("ParseDate(%q) = %q, but ParseDate(%q) = %q, %v", s, d, d, again, err)
			}
		}
		if in, err := ParseInstant(s); err == nil && !reRFC3339ish.MatchString(in) {
			t.Fatalf("ParseInstant(%q) = %q, not RFC 3339", s, in)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"5000", "5,000", "5,000元", "0.5万元", "¥1,234.50", "￥１２３", "0.30000000000000004", "1.5E-3", "-12",
		"1e999", "1e-999", "5,00", ".5", "5.", "元", "万元", "99999999999999999999999999999999", "0x10", "NaN", "Inf"} {
		f.Add(s, int64(1))
		f.Add(s, int64(10000))
	}
	f.Fuzz(func(t *testing.T, s string, scale int64) {
		if scale != 10000 {
			scale = 1
		}
		n, err := ParseAmount(s, scale)
		if err != nil {
			return
		}
		if !json.Valid([]byte(n)) || len(n) > maxAmountDigits+2 {
			t.Fatalf("ParseAmount(%q, %d) = %q, not a JSON number", s, scale, n)
		}
		if again, err := ParseAmount(string(n), 1); err != nil || again != n {
			t.Fatalf("ParseAmount(%q) = %q, but ParseAmount(%q) = %q, %v", s, n, n, again, err)
		}
		want, _ := new(big.Rat).SetString(string(n))
		if scale == 10000 && !strings.HasSuffix(strings.TrimSpace(s), "元") {
			if want.Cmp(new(big.Rat)) != 0 && want.IsInt() && new(big.Rat).Quo(want, big.NewRat(10000, 1)).Cmp(new(big.Rat)) == 0 {
				t.Fatalf("ParseAmount(%q, 10000) = %q lost the scale", s, n)
			}
		}
		if _, err := ParseInteger(s); err == nil && strings.ContainsAny(string(n), ".eE") && scale == 1 {
			t.Fatalf("ParseInteger(%q) accepted %q", s, n)
		}
	})
}
