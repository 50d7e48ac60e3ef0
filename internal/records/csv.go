package records

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvFormat reads one CSV file: one kind (or one sub-record sheet, or the export header), named by the
// file (案件.csv, cases.csv, officers.training.csv). Text is UTF-8 with or without a BOM, UTF-16 with a
// BOM (Excel's "Unicode text"), or GB18030/GBK (told apart from UTF-8 by the bytes, not by any label);
// the delimiter is a comma, a tab or a semicolon, whichever the header row uses.
type csvFormat struct{}

// maxCSVRow bounds the bytes of one line (a quote left open runs on until here).
const maxCSVRow = 16 << 20

func (csvFormat) Read(name string, r io.Reader, l *Loader) error {
	br := bufio.NewReaderSize(r, 1<<20)
	head, _ := br.Peek(512)
	if len(head) == 0 {
		return errors.New("the file is empty: export the records again")
	}
	if err := wrongContent(head, "CSV text"); err != nil {
		return err
	}
	lay, err := l.v.SheetLayout()
	if err != nil {
		return err
	}
	sheet := fileSheetName(name)
	t, ok := lay.target(sheet)
	if !ok {
		return fmt.Errorf("cannot tell which records the file holds from its name %q: name it after its kind (%s; RECORDS.md)", sheet, kindNames(lay))
	}
	text, _ := decodeText(br)
	src := newCSVRows(text)
	l.sheetsState().announce(name, sheet, t.scope)
	err = l.readSheet(name, sheet, t, src)
	var sp *sheetProblem
	switch {
	case err == errEmptySheet:
		return errors.New("the file holds no rows: export the records again")
	case errors.As(err, &sp):
		return errors.New(sp.msg)
	}
	return err
}

// kindNames lists the sheet names for messages.
func kindNames(lay *Layout) string {
	var out []string
	for _, sc := range lay.Scopes {
		if sc.Sub == "" {
			out = append(out, sc.Name+".csv")
		}
	}
	return strings.Join(out, ", ")
}

// fileSheetName is the sheet name a file stands for: its name without the directory and the extension.
func fileSheetName(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func extOf(path string) string { return filepath.Ext(path) }

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// wrongContent names what a file really holds when it is not what its name says.
func wrongContent(head []byte, want string) error {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if want == "an XLSX workbook" {
			return nil
		}
		return fmt.Errorf("the file is an XLSX workbook (a zip archive), not %s: name it .xlsx", want)
	case bytes.HasPrefix(head, oleMagic):
		return fmt.Errorf("the file is an old binary Excel/WPS workbook (.xls/.et) or a password-protected one, not %s: open it in Excel or WPS and save it as .xlsx without a password", want)
	case bytes.HasPrefix(head, []byte("%PDF")):
		return fmt.Errorf("the file is a PDF document, not %s: give jiandu the export itself", want)
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return fmt.Errorf("the file is gzip-compressed, not %s: unpack it first", want)
	case want != "JSON" && (bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("["))):
		return fmt.Errorf("the file holds JSON, not %s: name it .json (or .ndjson for one record a line)", want)
	case bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<html")) || bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<!doctype")) ||
		bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<table")):
		return fmt.Errorf("the file is an HTML page (some systems save web tables as .xls), not %s: open it in Excel or WPS and save it as .xlsx", want)
	case want == "CSV text" && bytes.IndexByte(head, 0) >= 0 && !bytes.HasPrefix(head, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fmt.Errorf("the file holds binary data, not %s: export the sheet as CSV", want)
	}
	return nil
}

// decodeText turns a CSV file's bytes into UTF-8: a UTF-8 BOM is dropped, a UTF-16 BOM decodes
// UTF-16, and otherwise the bytes decide at the first non-ASCII byte, looking at up to 1 MB from
// there: text that is (nearly all) valid UTF-8 is UTF-8, anything else GB18030 (which includes GBK and
// GB2312). A label never decides: Excel writes a UTF-8 BOM before GB18030 text too.
func decodeText(br *bufio.Reader) (io.Reader, string) {
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), "UTF-16"
	}
	d := &autoDecoder{br: br}
	return d, "auto"
}

// autoDecoder passes ASCII through and decides the encoding at the first byte that is not ASCII.
type autoDecoder struct {
	br   *bufio.Reader
	mode int // 0 undecided, 1 UTF-8, 2 GB18030
	gb   io.Reader
}

func (d *autoDecoder) Read(p []byte) (int, error) {
	switch d.mode {
	case 1:
		return d.br.Read(p)
	case 2:
		return d.gb.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if d.br.Buffered() == 0 {
		if _, err := d.br.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := d.br.Peek(min(len(p), d.br.Buffered()))
	i := 0
	for i < len(buf) && buf[i] < 0x80 {
		i++
	}
	if i > 0 {
		n := copy(p, buf[:i])
		d.br.Discard(n)
		return n, nil
	}
	window, err := d.br.Peek(1 << 20)
	if mostlyUTF8(window, err != nil) {
		d.mode = 1
	} else {
		d.mode = 2
		d.gb = transform.NewReader(d.br, simplifiedchinese.GB18030.NewDecoder())
	}
	return d.Read(p)
}

// mostlyUTF8 says whether the non-ASCII bytes of b are (at least 95%) valid UTF-8, so that a UTF-8
// file with a few GBK bytes pasted in stays UTF-8 (its bad rows are reported), while GB18030 text,
// which only now and then happens to form a UTF-8 sequence, does not. A rune cut off at the end of a
// window that is not the end of the file counts as valid.
func mostlyUTF8(b []byte, atEOF bool) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		if b[0] < 0x80 {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && len(b) < utf8.UTFMax && !utf8.FullRune(b) {
				break
			}
			invalid++
			b = b[1:]
			continue
		}
		valid += size
		b = b[size:]
	}
	return valid > 0 && invalid*20 <= valid
}

// csvRows reads records and numbers them as a spreadsheet program shows them: blank lines count as
// rows, a cell with line breaks does not add rows.
type csvRows struct {
	cr      *csv.Reader
	row     int
	prevEnd int
	cols    int
	note    string
	noteCol int
	comma   rune
}

func newCSVRows(text io.Reader) *csvRows {
	br := bufio.NewReaderSize(&lineLimit{r: text}, 1<<16)
	comma := sniffDelimiter(br)
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	return &csvRows{cr: cr, comma: comma}
}

// sniffDelimiter picks the delimiter the first line uses most: comma, tab or semicolon.
func sniffDelimiter(br *bufio.Reader) rune {
	peek, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(peek, '\n'); i >= 0 {
		peek = peek[:i]
	}
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(peek) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ',' || c == '\t' || c == ';'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func (c *csvRows) next() (int, []string, error) {
	c.note = ""
	rec, err := c.cr.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && pe.Err != nil && !errors.Is(pe.Err, errRowTooLong) {
			return 0, nil, fmt.Errorf("CSV line %d: %v", pe.StartLine, pe.Err)
		}
		if errors.Is(err, errRowTooLong) {
			return 0, nil, fmt.Errorf("after row %d a line is longer than %d MB (a quote left open?): check the file around that row", c.row, maxCSVRow>>20)
		}
		return 0, nil, err
	}
	line, _ := c.cr.FieldPos(0)
	c.row += 1 + max(0, line-c.prevEnd-1)
	last := len(rec) - 1
	endLine, _ := c.cr.FieldPos(last)
	c.prevEnd = endLine + strings.Count(rec[last], "\n")
	if c.cols == 0 {
		c.cols = len(rec)
	}
	c.noteCol, c.note = c.swallowed(rec)
	return c.row, rec, nil
}

// swallowed notices a quote left open: a cell holding line after line of delimited fields is rows
// that were read as one cell.
func (c *csvRows) swallowed(rec []string) (int, string) {
	for i, f := range rec {
		if !strings.Contains(f, "\n") {
			continue
		}
		lines := strings.Split(f, "\n")[1:]
		rows := 0
		for _, ln := range lines {
			if strings.Count(ln, string(c.comma)) >= max(2, c.cols/2) {
				rows++
			}
		}
		if rows >= 2 {
			return i, fmt.Sprintf("the quote that opens cell %s%d is never closed, so %d rows after it were read into that cell: close the quote (or remove it) and export again",
				ColumnName(i), c.row, rows)
		}
	}
	return 0, ""
}

func (c *csvRows) rowNote() (int, string) { return c.noteCol, c.note }

var errRowTooLong = errors.New("row too long")

// lineLimit stops a line that runs on past maxCSVRow bytes.
type lineLimit struct {
	r   io.Reader
	cur int
}

func (ll *lineLimit) Read(p []byte) (int, error) {
	n, err := ll.r.Read(p)
	if first := bytes.IndexByte(p[:n], '\n'); first >= 0 {
		if ll.cur+first > maxCSVRow {
			return n, errRowTooLong
		}
		ll.cur = n - bytes.LastIndexByte(p[:n], '\n') - 1
	} else {
		ll.cur += n
	}
	if ll.cur > maxCSVRow {
		return n, errRowTooLong
	}
	return n, err
}
