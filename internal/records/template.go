package records

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Templates: blank spreadsheets in the layout the readers take (`jiandu template`), and the cells a
// record gives in that layout (tests fill templates with them).

// Header is the scope's header row as `jiandu template` writes it (sub-record sheets start with the
// parent column).
func (sc *Scope) Header() []string {
	var out []string
	if sc.Kind == "export" {
		return []string{"项目", "值"}
	}
	if sc.Sub != "" {
		out = append(out, sc.Parent)
	}
	for _, c := range sc.Columns {
		out = append(out, c.Header)
	}
	return out
}

// Example is the scope's example rows (the export sheet: one row per key).
func (lay *Layout) Example(sc *Scope) [][]string {
	if sc.Kind == "export" {
		var rows [][]string
		for _, c := range sc.Columns {
			rows = append(rows, []string{c.Header, c.Example})
		}
		return rows
	}
	var row []string
	if sc.Sub != "" {
		parent := lay.Scope(sc.Kind, "")
		for _, c := range parent.Columns {
			if c.Key == "id" {
				row = append(row, c.Example)
			}
		}
	}
	for _, c := range sc.Columns {
		row = append(row, c.display(c.Example))
	}
	return [][]string{row}
}

// display shows a value the way a clerk writes it: enum values by their Chinese label.
func (c *Column) display(v string) string {
	if v == "" {
		return ""
	}
	if c.typ == tList {
		items := SplitList(v)
		for i, it := range items {
			items[i] = c.labelOf(it)
		}
		return strings.Join(items, "、")
	}
	return c.labelOf(v)
}

func (c *Column) labelOf(v string) string {
	for i, e := range c.enum {
		if e == v {
			return c.Labels[i]
		}
	}
	return v
}

// Cells is the row a record gives in the scope's sheet (a main sheet), in Header order.
func (sc *Scope) Cells(rec map[string]any) []string {
	var out []string
	for _, c := range sc.Columns {
		out = append(out, c.Cell(getPath(rec, c.Path)))
	}
	return out
}

// SubRows is the rows a record gives in one of its sub-record sheets, parent id first.
func (sc *Scope) SubRows(rec map[string]any) [][]string {
	id, _ := rec["id"].(string)
	items, _ := rec[sc.Sub].([]any)
	var rows [][]string
	for _, it := range items {
		elem, _ := it.(map[string]any)
		rows = append(rows, append([]string{id}, sc.Cells(elem)...))
	}
	return rows
}

// Cell writes a JSON value as a clerk would: yes/no as 是/否, lists joined by 、, enum values by label.
func (c *Column) Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return "是"
		}
		return "否"
	case string:
		return c.labelOf(x)
	case json.Number:
		return x.String()
	case float64:
		return json.Number(fmt.Sprint(x)).String()
	case []any:
		var parts []string
		for _, it := range x {
			parts = append(parts, c.Cell(it))
		}
		return strings.Join(parts, "、")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Notes is what a header cell's comment says: the key and how to write the cells.
func (c *Column) Notes() string {
	var b strings.Builder
	b.WriteString(c.Key)
	switch c.typ {
	case tDate:
		b.WriteString("\n日期 date: " + DateForms)
	case tInstant:
		b.WriteString("\n时间 date and time: " + InstantForms)
	case tNumber, tInteger:
		b.WriteString("\n数字 number: " + AmountForms)
	case tBool:
		b.WriteString("\n是/否 yes or no: " + BoolForms)
	case tList:
		b.WriteString("\n多个值用、或 , 分隔 / several values separated by 、 , ;")
	}
	if len(c.enum) > 0 {
		b.WriteString("\n可选 choose: " + strings.Join(c.Labels, "、"))
	}
	return b.String()
}

// TemplateXLSX writes a blank workbook: a sheet per kind and sub-record plus 导出信息, Chinese headers
// (each with a comment naming the key and the forms it takes), one example row, a drop-down on every
// enum and yes/no column, and text format on free-text columns so that Excel does not turn 2024-05
// into a date or drop an id's leading zeros.
func (lay *Layout) TemplateXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	for i, sc := range lay.Scopes {
		name := sc.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		header := sc.Header()
		if err := f.SetSheetRow(name, "A1", &header); err != nil {
			return err
		}
		last := ColumnName(len(header)-1) + "1"
		f.SetCellStyle(name, "A1", last, bold)
		f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		for r, row := range lay.Example(sc) {
			cells := make([]any, len(row))
			for j, c := range row {
				cells[j] = c
			}
			if err := f.SetSheetRow(name, fmt.Sprintf("A%d", r+2), &cells); err != nil {
				return err
			}
		}
		f.SetColWidth(name, "A", ColumnName(len(header)-1), 16)
		if sc.Kind == "export" {
			f.SetColWidth(name, "B", "B", 36)
			continue
		}
		offset := 0
		if sc.Sub != "" {
			offset = 1
			f.SetColStyle(name, "A", text)
		}
		for j, c := range sc.Columns {
			col := ColumnName(j + offset)
			if err := f.AddComment(name, excelize.Comment{Cell: col + "1", Author: "jiandu", Text: c.Notes(),
				Width: 300, Height: 120}); err != nil {
				return err
			}
			var choices []string
			switch {
			case c.typ == tBool:
				choices = []string{"是", "否"}
			case len(c.enum) > 0 && c.typ != tList:
				choices = c.Labels
			}
			if choices != nil {
				dv := excelize.NewDataValidation(true)
				dv.SetSqref(col + "2:" + col + "1048576")
				if err := dv.SetDropList(choices); err != nil {
					return fmt.Errorf("%s %s: %w", name, c.Key, err)
				}
				dv.SetError(excelize.DataValidationErrorStyleWarning, "请从下拉列表选择", "可选："+strings.Join(choices, "、"))
				if err := f.AddDataValidation(name, dv); err != nil {
					return err
				}
			}
			if c.typ == tString || c.typ == tList {
				f.SetColStyle(name, col, text)
			}
		}
		f.SetCellStyle(name, "A1", last, bold)
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// TemplateCSV writes one CSV file per sheet into dir (UTF-8 with a BOM, which Excel and WPS need to
// show Chinese), named by the sheet, and returns their paths.
func (lay *Layout) TemplateCSV(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, sc := range lay.Scopes {
		var buf bytes.Buffer
		buf.WriteString("\xEF\xBB\xBF")
		w := csv.NewWriter(&buf)
		w.UseCRLF = true
		w.Write(sc.Header())
		for _, row := range lay.Example(sc) {
			w.Write(row)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, sc.Name+".csv")
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
