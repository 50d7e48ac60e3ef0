package records

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxFormat reads an XLSX workbook: one sheet per kind (named in Chinese or English), sub-record
// sheets and the 导出信息 header sheet, rows streamed one at a time with excelize's Rows iterator (a
// worksheet past 16 MB of XML is unpacked to a temporary file, not into memory). A formula cell gives
// the value Excel or WPS last computed and saved.
type xlsxFormat struct{}

// Limits against hostile workbooks (zip bombs): the file as read, the sum of its parts unpacked (as
// the archive declares them; archive/zip refuses a part that unpacks to more than it declares), and
// any single part other than worksheets and shared strings (which excelize keeps in memory).
var (
	MaxXLSXFile     int64 = 1 << 30
	MaxXLSXUnzipped int64 = 4 << 30
	MaxXLSXPart     int64 = 256 << 20
)

func (xlsxFormat) Read(name string, r io.Reader, l *Loader) (err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxXLSXFile+1))
	if err != nil {
		return fmt.Errorf("cannot read it (%v)", err)
	}
	if len(data) == 0 {
		return errors.New("the file is empty: export the workbook again")
	}
	if int64(len(data)) > MaxXLSXFile {
		return fmt.Errorf("the workbook is larger than %d MB: split the export (one workbook per unit or per kind)", MaxXLSXFile>>20)
	}
	if err := wrongContent(data[:min(len(data), 512)], "an XLSX workbook"); err != nil {
		return err
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return errors.New("the file is not an XLSX workbook (no zip archive inside): if it is CSV text, name it .csv; otherwise save it from Excel or WPS as .xlsx")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("the workbook is damaged (%v; a truncated download?): export it again", err)
	}
	if err := checkZip(zr); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the workbook could not be read (%v): open it in Excel or WPS and save it again as .xlsx", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: MaxXLSXUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return fmt.Errorf("the workbook cannot be opened (%v): open it in Excel or WPS and save it again as .xlsx", err)
	}
	defer f.Close()
	data = nil
	return l.readWorkbook(name, f)
}

// checkZip refuses a workbook whose parts unpack past the limits.
func checkZip(zr *zip.Reader) error {
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		lower := strings.ToLower(zf.Name)
		bulk := strings.HasPrefix(lower, "xl/worksheets/") || lower == "xl/sharedstrings.xml"
		if !bulk && size > uint64(MaxXLSXPart) {
			return fmt.Errorf("the workbook part %s unpacks to %d MB (a zip bomb?): save the workbook again from Excel or WPS", zf.Name, size>>20)
		}
		if total > uint64(MaxXLSXUnzipped) {
			return fmt.Errorf("the workbook unpacks to more than %d MB (a zip bomb, or an export too large for one workbook): split it", MaxXLSXUnzipped>>20)
		}
	}
	return nil
}

func (l *Loader) readWorkbook(name string, f *excelize.File) error {
	lay, err := l.v.SheetLayout()
	if err != nil {
		return err
	}
	js := l.sheetsState()
	type entry struct {
		sheet string
		t     sheetTarget
		ok    bool
		order int
	}
	var sheets []entry
	list := f.GetSheetList()
	for _, s := range list {
		t, ok := lay.target(s)
		if !ok && len(list) == 1 {
			t, ok = lay.target(fileSheetName(name))
		}
		e := entry{sheet: s, t: t, ok: ok, order: 3}
		if ok {
			switch {
			case t.scope.Kind == "export":
				e.order = 0
			case t.scope.Sub != "":
				e.order = 1
				js.announce(name, s, t.scope)
			default:
				e.order = 2
			}
		}
		sheets = append(sheets, e)
	}
	// the header first, then sub-record sheets, so their parents need not wait
	sort.SliceStable(sheets, func(i, j int) bool { return sheets[i].order < sheets[j].order })
	before := l.submitted + l.sheetRows()
	var problems []*sheetProblem
	for _, e := range sheets {
		rows, err := f.Rows(e.sheet)
		if err != nil {
			problems = append(problems, &sheetProblem{loc: sheetLoc(name, e.sheet), msg: fmt.Sprintf("sheet %s cannot be read (%v)", e.sheet, err)})
			continue
		}
		src := &xlsxRows{rows: rows}
		if !e.ok {
			if hasContent(src) {
				l.unknownColumn(name, "export", "工作表 "+e.sheet, sheetLoc(name, e.sheet))
			}
			rows.Close()
			continue
		}
		err = l.readSheet(name, e.sheet, e.t, src)
		rows.Close()
		var sp *sheetProblem
		switch {
		case err == nil, err == errEmptySheet:
		case errors.As(err, &sp):
			problems = append(problems, sp)
		default:
			problems = append(problems, &sheetProblem{loc: sheetLoc(name, e.sheet), msg: fmt.Sprintf("sheet %s: %v", e.sheet, err)})
		}
	}
	got := l.submitted + l.sheetRows() - before
	if got == 0 {
		switch {
		case len(problems) > 0:
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, p.msg)
			}
			return errors.New(strings.Join(msgs, "; "))
		default:
			var names []string
			for _, sc := range lay.Scopes {
				if sc.Sub == "" {
					names = append(names, sc.Name)
				}
			}
			return fmt.Errorf("no sheet holds records (sheets: %s): name each sheet after its kind (%s; RECORDS.md) and fill in rows under the header",
				strings.Join(list, ", "), strings.Join(names, ", "))
		}
	}
	for _, p := range problems {
		l.SchemaError(Fact{Kind: "export", ID: p.loc.String(), Loc: p.loc, Path: "/",
			Reason: p.msg + "; the other sheets were read"})
	}
	return nil
}

func sheetLoc(file, sheet string) Location {
	return Location{File: file, Sheet: sheet, Row: 1, Column: "A", Cell: sheet + "!A1"}
}

func hasContent(src rowSource) bool {
	for {
		_, cells, err := src.next()
		if err != nil {
			return false
		}
		if !empty(cells) {
			return true
		}
	}
}

// xlsxRows streams one worksheet: the row number is the worksheet's, gaps included.
type xlsxRows struct {
	rows *excelize.Rows
	n    int
}

func (x *xlsxRows) next() (int, []string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return 0, nil, err
		}
		return 0, nil, io.EOF
	}
	x.n++
	cells, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, fmt.Errorf("row %d: %v", x.n, err)
	}
	return x.n, cells, nil
}

// workbookSheets lists a workbook's sheet names from xl/workbook.xml without unpacking its sheets.
func workbookSheets(path string) []string {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if !strings.EqualFold(zf.Name, "xl/workbook.xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		dec := xml.NewDecoder(io.LimitReader(rc, 16<<20))
		var names []string
		for {
			tok, err := dec.Token()
			if err != nil {
				return names
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
				for _, a := range se.Attr {
					if a.Name.Local == "name" {
						names = append(names, a.Value)
					}
				}
			}
		}
	}
	return nil
}
