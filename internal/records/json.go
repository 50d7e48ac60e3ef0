package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// jsonFormat reads the JSON container {"export": {...}, "cases": [...], ...}, one record at a time.
type jsonFormat struct{}

func (jsonFormat) Read(name string, r io.Reader, l *Loader) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	tok, err := dec.Token()
	if err == io.EOF {
		return fmt.Errorf("the file is empty: export the records again")
	}
	if err != nil {
		return syntaxError(dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("not a jiandu export: a JSON export is an object such as {\"export\": {...}, \"cases\": [...]} (RECORDS.md)")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntaxError(dec, err)
		}
		key, _ := tok.(string)
		kind, isKind := KindOfArray[key]
		switch {
		case key == "export":
			var h any
			if err := dec.Decode(&h); err != nil {
				return syntaxError(dec, err)
			}
			l.Header(h, Location{File: name, Pointer: "/export"})
		case isKind:
			tok, err := dec.Token()
			if err != nil {
				return syntaxError(dec, err)
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				if d, ok := tok.(json.Delim); ok && d == '{' {
					return fmt.Errorf("/%s must be an array of %s records, not an object", key, kind)
				}
				l.SchemaError(Fact{Kind: "export", ID: name, Loc: Location{File: name, Pointer: "/" + key}, Path: "/" + key,
					Reason: fmt.Sprintf("/%s must be an array of %s records", key, kind)})
				continue
			}
			for i := 0; dec.More(); i++ {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return syntaxError(dec, err)
				}
				l.AcceptJSON(kind, raw, Location{File: name, Pointer: "/" + key + "/" + strconv.Itoa(i)})
			}
			if _, err := dec.Token(); err != nil {
				return syntaxError(dec, err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return syntaxError(dec, err)
			}
			l.UnknownArray(name, key, Location{File: name, Pointer: "/" + key})
		}
	}
	if _, err := dec.Token(); err != nil && err != io.EOF {
		return syntaxError(dec, err)
	}
	return nil
}

func syntaxError(dec *json.Decoder, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return fmt.Errorf("the JSON ends early at byte %d (truncated file?): export it again", dec.InputOffset())
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("broken JSON at byte %d: %v", se.Offset, se)
	}
	return fmt.Errorf("broken JSON at byte %d: %v", dec.InputOffset(), err)
}
