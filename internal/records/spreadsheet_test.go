package records

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiandu/jiandu"
)

func gb18030(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func find(got []*Record, id string) *Record {
	for _, r := range got {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestCSVChineseHeadersGB18030AndConversions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "执法单位.csv", gb18030(t, "单位编号,单位名称,单位类型,设有执法监督科\nU-1,启东市市场监督管理局,行政执法部门,是\n"))
	write(t, dir, "案件.csv", gb18030(t, strings.Join([]string{
		"案件编号,执法单位编号,案件类别,适用程序,立案日期,执法人员,处罚决定日期,罚款金额（万元）,法定最高罚款,重大行政执法决定,备注",
		"C-1,U-1,行政处罚,普通程序,2023年3月1日,\"O-1、O-2\",2023/4/3,0.35,\"50,000元\",否,x",
		"C-2,U-1,penalty,simple,20230302,O-1,45017,,,FALSE,",
		"C-3,U-1,行政处罚,一般程序,2023.3.3,O-1,2023-02-30,五千,,也许,",
	}, "\r\n")+"\r\n"))
	l, got := newLoader(t)
	l.LoadPaths([]string{dir}, nil)
	if len(l.Errors) > 0 {
		t.Fatalf("file errors: %+v", l.Errors)
	}
	c1 := find(*got, "C-1")
	if c1 == nil {
		t.Fatalf("C-1 not loaded: %+v", l.Facts.SchemaErrors)
	}
	want := `{"category":"penalty","decision":{"date":"2023-04-03","fine":3500,"fine_max":50000,"major":false},"handlers":["O-1","O-2"],"id":"C-1","opened":"2023-03-01","procedure":"general","unit":"U-1"}`
	if g := asJSON(c1.Value); g != want {
		t.Errorf("C-1 = %s\nwant  %s", g, want)
	}
	if c1.Loc.Cell != "案件!A2" || c1.Loc.Sheet != "案件" || c1.Loc.Row != 2 {
		t.Errorf("C-1 location = %+v", c1.Loc)
	}
	c2 := find(*got, "C-2")
	if c2 == nil || asJSON(c2.Value["decision"]) != `{"date":"2023-04-01","major":false}` || c2.Value["opened"] != "2023-03-02" {
		t.Errorf("C-2 = %+v", c2)
	}
	u := find(*got, "U-1")
	if u == nil || u.Value["type"] != "department" || u.Value["supervision_office"] != true || u.Value["name"] != "启东市市场监督管理局" {
		t.Errorf("U-1 = %+v", u)
	}
	if len(l.Facts.SchemaErrors) != 1 {
		t.Fatalf("schema errors = %+v, want one for C-3", l.Facts.SchemaErrors)
	}
	e := l.Facts.SchemaErrors[0]
	if e.ID != "C-3" || e.Loc.Cell != "案件!H4" || e.Value != "五千" || !strings.Contains(e.Reason, "罚款金额（万元） H4: not an amount") ||
		!strings.Contains(e.Reason, "重大行政执法决定 J4: not yes or no") {
		t.Errorf("C-3 fact = %+v", e)
	}
	if len(l.Facts.UnknownKeys) != 1 || l.Facts.UnknownKeys[0].Key != "备注" || l.Facts.UnknownKeys[0].Loc.Cell != "案件!K1" {
		t.Errorf("unknown keys = %+v, want 备注 once at 案件!K1", l.Facts.UnknownKeys)
	}
}

func TestCSVImpossibleDateFailsTheSchemaAtItsCell(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "cases.csv", "\xEF\xBB\xBFid,unit,category,opened\nC-1,U-1,penalty,2023-02-30\nC-2,U-1,penalty,2023-02-28\n")
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(*got) != 1 || (*got)[0].ID != "C-2" {
		t.Fatalf("records = %d", len(*got))
	}
	e := l.Facts.SchemaErrors
	if len(e) != 1 || e[0].Loc.Cell != "cases!D2" || e[0].Path != "/opened" || e[0].Value != "2023-02-30" {
		t.Errorf("facts = %+v", e)
	}
}

func TestSubRecordSheetsJoinTheirParents(t *testing.T) {
	for _, order := range []string{"children-first", "parents-first"} {
		t.Run(order, func(t *testing.T) {
			dir := t.TempDir()
			officers := write(t, dir, "a/执法人员.csv", "人员编号,所属单位,人员类别,执法证有效期至\nO-1,U-1,行政执法人员,2027/4/15\nO-2,U-1,辅助人员,\n")
			training := write(t, dir, "b/培训记录.csv", "所属记录,培训日期,学时,培训类别\nO-1,2023-03-01,8,业务知识\nO-1,2023-04-01,4.5,包容审慎执法\nO-9,2023-04-01,2,其他\nO-1,2023-05-01,x,其他\n")
			paths := []string{training, officers}
			if order == "parents-first" {
				paths = []string{officers, training}
			}
			l, got := newLoader(t)
			l.LoadPaths(paths, nil)
			if len(l.Errors) > 0 {
				t.Fatalf("errors %+v", l.Errors)
			}
			if find(*got, "O-1") != nil {
				t.Errorf("O-1 has a bad training row and must fail")
			}
			o2 := find(*got, "O-2")
			if o2 == nil || asJSON(o2.Value["training"]) != `[]` {
				t.Fatalf("O-2 = %+v", o2)
			}
			var o1, o9 *Fact
			for i, f := range l.Facts.SchemaErrors {
				switch f.ID {
				case "O-1":
					o1 = &l.Facts.SchemaErrors[i]
				case "O-9":
					o9 = &l.Facts.SchemaErrors[i]
				}
			}
			if o1 == nil || o1.Loc.Cell != "培训记录!C5" || !strings.Contains(o1.Reason, "学时 C5: not an amount") {
				t.Errorf("O-1 fact = %+v", o1)
			}
			if o9 == nil || o9.Loc.Cell != "培训记录!A4" || !strings.Contains(o9.Reason, "no officer sheet row") {
				t.Errorf("O-9 fact = %+v", o9)
			}
		})
	}
}

func TestXLSXWorkbookWithSubRecordsHeaderAndSerialDates(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "执法人员")
	f.SetSheetRow("执法人员", "A1", &[]any{"人员编号", "所属单位", "人员类别", "法制审核人员", "执法证有效期至"})
	f.SetSheetRow("执法人员", "A2", &[]any{"O-1", "U-1", "行政执法人员", true, 46492})
	f.NewSheet("考试记录")
	f.SetSheetRow("考试记录", "A1", &[]any{"所属记录", "考试日期", "考试类型", "是否参考", "是否合格", "成绩"})
	f.SetSheetRow("考试记录", "A2", &[]any{"O-1", "2023-11-20", "年度培训考试", "是", "否", 59.5})
	f.NewSheet("导出信息")
	f.SetSheetRow("导出信息", "A1", &[]any{"项目", "值"})
	f.SetSheetRow("导出信息", "A2", &[]any{"辖区", "qidong-2023"})
	f.SetSheetRow("导出信息", "A3", &[]any{"导出时间", "2024/1/10 9:00"})
	f.NewSheet("说明")
	f.SetCellStr("说明", "A1", "本表由系统导出")
	dir := t.TempDir()
	p := filepath.Join(dir, "export.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(l.Errors) > 0 || len(l.Facts.SchemaErrors) > 0 {
		t.Fatalf("errors %+v %+v", l.Errors, l.Facts.SchemaErrors)
	}
	o := find(*got, "O-1")
	if o == nil {
		t.Fatal("O-1 missing")
	}
	want := `{"certificate":{"expires":"2027-04-15"},"exams":[{"date":"2023-11-20","kind":"annual","passed":false,"sat":true,"score":59.5}],"id":"O-1","legal_reviewer":true,"role":"officer","unit":"U-1"}`
	if g := asJSON(o.Value); g != want {
		t.Errorf("O-1 = %s\nwant  %s", g, want)
	}
	if len(l.Headers) != 1 || l.Headers[0].Jurisdiction != "qidong-2023" || l.Headers[0].GeneratedAt != "2024-01-10T09:00:00+08:00" {
		t.Errorf("headers = %+v", l.Headers)
	}
	if len(l.Facts.UnknownKeys) != 1 || l.Facts.UnknownKeys[0].Key != "工作表 说明" {
		t.Errorf("unknown = %+v", l.Facts.UnknownKeys)
	}
}

func TestEveryKeyHasAChineseAliasAndNoAliasNamesTwoKeys(t *testing.T) {
	v, err := NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	hf, err := Headers()
	if err != nil {
		t.Fatal(err)
	}
	lay, err := v.SheetLayout() // fails when an alias names two keys in one sheet
	if err != nil {
		t.Fatal(err)
	}
	for _, hk := range hf.Kinds {
		listed := map[string]HeaderColumn{}
		for _, c := range hk.Columns {
			if _, dup := listed[c.Key]; dup {
				t.Errorf("%s.%s is listed twice", hk.Kind, c.Key)
			}
			listed[c.Key] = c
		}
		schemaKeys := map[string]bool{}
		for _, key := range v.Keys(hk.Kind) {
			schemaKeys[key] = true
			c, ok := listed[key]
			if !ok {
				t.Errorf("%s.%s has no entry in headers.json", hk.Kind, key)
				continue
			}
			hasZh := false
			for _, a := range c.Zh {
				for _, r := range a {
					if r >= 0x4e00 && r <= 0x9fff {
						hasZh = true
					}
				}
			}
			if !hasZh {
				t.Errorf("%s.%s has no Chinese alias", hk.Kind, key)
			}
		}
		for key := range listed {
			if !schemaKeys[key] {
				t.Errorf("headers.json lists %s.%s, which the schema does not have", hk.Kind, key)
			}
		}
	}
	// across every scope: a parent alias never names a column, every enum value has a label
	for _, sc := range lay.Scopes {
		for p := range sc.parent {
			if c := sc.byName[p]; c != nil {
				t.Errorf("sheet %s: parent alias %q also names %s", sc.Name, p, c.Key)
			}
		}
		for _, c := range sc.Columns {
			for i, val := range c.enum {
				if c.Labels[i] == "" || c.label(c.Labels[i]) != val {
					t.Errorf("%s %s: label %q does not map back to %s", sc.Name, c.Key, c.Labels[i], val)
				}
			}
		}
	}
	// sheet names: each kind and sub-record by its Chinese and English names
	for name, want := range map[string]string{"案件": "case.", "执法案件": "case.", "cases": "case.", "case": "case.",
		"执法人员": "officer.", "officers.training": "officer.training", "培训记录": "officer.training", "执法人员.培训记录": "officer.training",
		"cases.documents": "case.documents", "不良影响事件": "incident.", "处理措施": "incident.officer_measures",
		"导出信息": "export.", "export": "export.", "2023年启东市执法案件": "case.", "执法人员培训记录": "officer.training",
		"cases_2023": "case.", "行政处罚信息": "case."} {
		tg, ok := lay.target(name)
		if !ok || scopeKey(tg.scope.Kind, tg.scope.Sub) != want {
			t.Errorf("sheet %q → %+v %v, want %s", name, tg.scope, ok, want)
		}
	}
	for _, name := range []string{"Sheet1", "说明", "showcases"} {
		if tg, ok := lay.target(name); ok {
			t.Errorf("sheet %q → %s, want no kind", name, tg.scope.Name)
		}
	}
}

func TestCreditChinaPenaltyColumns(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "行政处罚信息.csv", strings.Join([]string{
		"行政相对人名称,行政相对人类别,统一社会信用代码,行政处罚决定书文号,违法事实,处罚决定日期,罚款金额（万元）,处罚机关,处罚机关统一社会信用代码,立案日期",
		"启东市某某贸易有限公司,法人及非法人组织,91320681MA1XXXXX0Q,启市监处罚〔2023〕1号,未按规定公示,2023-04-03,1.2,启东市市场监督管理局,11320681MB1234567X,2023-03-01",
	}, "\n")+"\n")
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(*got) != 1 {
		t.Fatalf("records %d, facts %+v errors %+v", len(*got), l.Facts.SchemaErrors, l.Errors)
	}
	want := `{"category":"penalty","decision":{"date":"2023-04-03","fine":12000,"number":"启市监处罚〔2023〕1号"},"id":"启市监处罚〔2023〕1号","opened":"2023-03-01","party":{"credit_code":"91320681MA1XXXXX0Q","name":"启东市某某贸易有限公司","type":"enterprise"},"unit":"启东市市场监督管理局"}`
	if g := asJSON((*got)[0].Value); g != want {
		t.Errorf("case = %s\nwant   %s", g, want)
	}
	keys := map[string]bool{}
	for _, u := range l.Facts.UnknownKeys {
		keys[u.Key] = true
	}
	if len(keys) != 2 || !keys["违法事实"] || !keys["处罚机关统一社会信用代码"] {
		t.Errorf("unknown = %+v", l.Facts.UnknownKeys)
	}
}

func TestTwoLevelMergedHeaderAndTitleRow(t *testing.T) {
	f := excelize.NewFile()
	s := "Sheet1"
	f.SetCellStr(s, "A1", "2023年行政处罚案件统计表")
	f.MergeCell(s, "A1", "F1")
	f.SetSheetRow(s, "A2", &[]any{"案件编号", "执法单位编号", "当事人", "", "立案日期", "案件类别"})
	f.MergeCell(s, "C2", "D2")
	f.MergeCell(s, "A2", "A3")
	f.SetSheetRow(s, "C3", &[]any{"名称", "统一社会信用代码"})
	f.SetSheetRow(s, "A4", &[]any{"C-1", "U-1", "某公司", "91320681MA1XXXXX0Q", "2023-03-01", "行政处罚"})
	dir := t.TempDir()
	p := filepath.Join(dir, "案件.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(*got) != 1 || len(l.Facts.UnknownKeys) != 0 || len(l.Errors) != 0 {
		t.Fatalf("records %d unknown %+v errors %+v facts %+v", len(*got), l.Facts.UnknownKeys, l.Errors, l.Facts.SchemaErrors)
	}
	if g := asJSON((*got)[0].Value["party"]); g != `{"credit_code":"91320681MA1XXXXX0Q","name":"某公司"}` {
		t.Errorf("party = %s", g)
	}
	if (*got)[0].Loc.Cell != "Sheet1!A4" {
		t.Errorf("loc = %+v", (*got)[0].Loc)
	}
}

func TestSymlinkLoopIsReportedAndTheRestRead(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "units.json", `{"units": [`+unitJSON+`]}`)
	if err := os.Symlink("loop", filepath.Join(dir, "loop")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(".", filepath.Join(dir, "self")); err != nil {
		t.Fatal(err)
	}
	l, got := newLoader(t)
	l.LoadPaths([]string{dir}, nil)
	if len(*got) != 1 {
		t.Errorf("records %d, want 1 (read once, not again through the link to .)", len(*got))
	}
	if len(l.Errors) != 1 || !strings.Contains(l.Errors[0].Message, "cannot follow the link") {
		t.Errorf("errors %+v", l.Errors)
	}
}

// Sub-record sheets of one kind spread over two workbooks that also hold parents: the first
// workbook's officers wait (held) for the second's exams, then are checked with both.
func TestHeldParentsWaitForASubRecordSheetInALaterWorkbook(t *testing.T) {
	dir := t.TempDir()
	a := excelize.NewFile()
	a.SetSheetName("Sheet1", "执法人员")
	a.SetSheetRow("执法人员", "A1", &[]any{"人员编号", "所属单位", "人员类别"})
	a.SetSheetRow("执法人员", "A2", &[]any{"O-1", "U-1", "行政执法人员"})
	a.NewSheet("培训记录")
	a.SetSheetRow("培训记录", "A1", &[]any{"所属记录", "培训日期", "学时"})
	a.SetSheetRow("培训记录", "A2", &[]any{"O-1", "2023-03-01", 8})
	b := excelize.NewFile()
	b.SetSheetName("Sheet1", "执法人员")
	b.SetSheetRow("执法人员", "A1", &[]any{"人员编号", "所属单位", "人员类别"})
	b.SetSheetRow("执法人员", "A2", &[]any{"O-2", "U-1", "行政执法人员"})
	b.NewSheet("考试记录")
	b.SetSheetRow("考试记录", "A1", &[]any{"所属记录", "考试日期", "是否合格"})
	b.SetSheetRow("考试记录", "A2", &[]any{"O-1", "2023-11-20", "否"})
	b.SetSheetRow("考试记录", "A3", &[]any{"O-2", "2023-11-20", "是"})
	pa, pb := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	a.SaveAs(pa)
	b.SaveAs(pb)
	l, got := newLoader(t)
	l.LoadPaths([]string{pa, pb}, nil)
	if len(l.Errors)+len(l.Facts.SchemaErrors) > 0 {
		t.Fatalf("%+v %+v", l.Errors, l.Facts.SchemaErrors)
	}
	o1, o2 := find(*got, "O-1"), find(*got, "O-2")
	if o1 == nil || asJSON(o1.Value["training"]) != `[{"date":"2023-03-01","hours":8}]` || asJSON(o1.Value["exams"]) != `[{"date":"2023-11-20","passed":false}]` {
		t.Errorf("O-1 = %+v", o1)
	}
	if o1 != nil && o1.Loc.File != pa {
		t.Errorf("O-1 location %+v, want a.xlsx", o1.Loc)
	}
	if o2 == nil || asJSON(o2.Value["exams"]) != `[{"date":"2023-11-20","passed":true}]` || asJSON(o2.Value["training"]) != `[]` {
		t.Errorf("O-2 = %+v", o2)
	}
	if l.Records != 2 {
		t.Errorf("records %d", l.Records)
	}
}

// A sub-record sheet handed over after its parents were checked (LoadReader one file at a time, so
// nothing announced it) cannot join them: it is reported, not silently dropped.
func TestSubRecordSheetAfterItsParentsIsReported(t *testing.T) {
	l, _ := newLoader(t)
	l.LoadReader("执法人员.csv", strings.NewReader("人员编号,所属单位,人员类别\nO-1,U-1,行政执法人员\n"), csvFormat{})
	l.LoadReader("培训记录.csv", strings.NewReader("所属记录,培训日期,学时\nO-1,2023-03-01,8\n"), csvFormat{})
	l.Finish()
	e := l.Facts.SchemaErrors
	if len(e) != 1 || e[0].ID != "O-1" || e[0].Loc.Cell != "培训记录!A2" || !strings.Contains(e[0].Reason, "same workbook or folder") {
		t.Errorf("facts %+v", e)
	}
}
