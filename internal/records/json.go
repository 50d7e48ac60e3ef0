package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
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

// decodeRecord decodes one JSON value that fills b (whitespace around it allowed) to exactly what
// encoding/json's Decoder with UseNumber gives for an `any`: maps, []any, strings, json.Number, bool,
// nil. It is the workers' fast path (encoding/json's reflection, scanner and allocations cost about as
// much as the schema validation): ok is false for anything it does not vouch for (a syntax error,
// trailing data, nesting past maxFastDepth), and the caller then decodes with encoding/json, whose
// errors the loader reports. It accepts exactly the inputs encoding/json accepts (fuzzed against it in
// json_fast_test.go). A decoder is used by one goroutine at a time.
func (d *fastDecoder) decodeRecord(b []byte) (v any, ok bool) {
	d.b, d.i, d.depth = b, 0, 0
	defer func() { d.b = nil }()
	d.space()
	if v, ok = d.value(); !ok {
		return nil, false
	}
	d.space()
	return v, d.i == len(d.b)
}

// maxFastDepth bounds the fast decoder's recursion; deeper values go to encoding/json, which refuses
// past 10000.
const maxFastDepth = 256

type fastDecoder struct {
	b     []byte
	i     int
	depth int
	kvs   []fastKV // the entries of the objects being decoded, a stack shared by the nesting

	// Most of a record's allocations are its strings: the keys and the many short values that repeat
	// from record to record (kinds, statuses, dates, units). Small direct-mapped caches hand out the
	// string (a key) or the boxed value (a string or number) decoded last time for the same bytes.
	seed   maphash.Seed
	keys   *[512]string
	values *[4096]cachedValue
}

type cachedValue struct {
	s      string
	v      any
	number bool
}

// maxCached is the longest string or number kept in the value cache.
const maxCached = 32

func newFastDecoder() *fastDecoder {
	return &fastDecoder{seed: maphash.MakeSeed(), keys: new([512]string), values: new([4096]cachedValue)}
}

type fastKV struct {
	k string
	v any
}

func (d *fastDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *fastDecoder) value() (any, bool) {
	if d.i >= len(d.b) {
		return nil, false
	}
	switch c := d.b[d.i]; c {
	case '{':
		return d.object()
	case '[':
		return d.array()
	case '"':
		raw, plain, ok := d.strBytes()
		if !ok {
			return nil, false
		}
		if !plain {
			return unquoteJSON(raw), true
		}
		return d.cachedValue(raw, false), true
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return nil, d.literal("null")
	default:
		if c == '-' || c >= '0' && c <= '9' {
			return d.number()
		}
	}
	return nil, false
}

func (d *fastDecoder) literal(s string) bool {
	if len(d.b)-d.i < len(s) || string(d.b[d.i:d.i+len(s)]) != s {
		return false
	}
	d.i += len(s)
	return true
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? as json.Number.
func (d *fastDecoder) number() (any, bool) {
	b, start := d.b, d.i
	i := start
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		}
	default:
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		}
	}
	d.i = i
	return d.cachedValue(b[start:i], true), true
}

// cachedValue is the string (or json.Number) of b as an `any`, from the cache when it was seen last.
func (d *fastDecoder) cachedValue(b []byte, number bool) any {
	if len(b) > maxCached {
		if number {
			return json.Number(b)
		}
		return string(b)
	}
	e := &d.values[maphash.Bytes(d.seed, b)%uint64(len(d.values))]
	if e.v != nil && e.number == number && e.s == string(b) {
		return e.v
	}
	e.s, e.number = string(b), number
	if number {
		e.v = json.Number(e.s)
	} else {
		e.v = e.s
	}
	return e.v
}

// key reads an object key.
func (d *fastDecoder) key() (string, bool) {
	raw, plain, ok := d.strBytes()
	if !ok {
		return "", false
	}
	if !plain {
		return unquoteJSON(raw), true
	}
	e := &d.keys[maphash.Bytes(d.seed, raw)%uint64(len(d.keys))]
	if *e != string(raw) {
		*e = string(raw)
	}
	return *e, true
}

// strBytes reads a string literal, validated as encoding/json's scanner does (no control characters,
// only the escapes JSON has): its content, and whether that is the string itself (no escapes, valid
// UTF-8); otherwise unquoteJSON makes the string as encoding/json's decoder does (invalid UTF-8 and
// lone surrogates become U+FFFD).
func (d *fastDecoder) strBytes() (raw []byte, plain, ok bool) {
	b := d.b
	start := d.i + 1
	escaped, ascii := false, true
	for i := start; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			d.i = i + 1
			s := b[start:i]
			return s, !escaped && (ascii || utf8.Valid(s)), true
		case c == '\\':
			escaped = true
			i++
			if i >= len(b) {
				return nil, false, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(b)-i < 5 || !isHex(b[i+1]) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) {
					return nil, false, false
				}
				i += 4
			default:
				return nil, false, false
			}
		case c < ' ':
			return nil, false, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false, false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func (d *fastDecoder) array() (any, bool) {
	if d.depth++; d.depth > maxFastDepth {
		return nil, false
	}
	defer func() { d.depth-- }()
	d.i++ // [
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return []any{}, true
	}
	var scratch [8]any
	items := scratch[:0]
	for {
		v, ok := d.value()
		if !ok {
			return nil, false
		}
		items = append(items, v)
		d.space()
		if d.i >= len(d.b) {
			return nil, false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case ']':
			d.i++
			return append(make([]any, 0, len(items)), items...), true
		default:
			return nil, false
		}
	}
}

func (d *fastDecoder) object() (any, bool) {
	if d.depth++; d.depth > maxFastDepth {
		return nil, false
	}
	defer func() { d.depth-- }()
	d.i++ // {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return map[string]any{}, true
	}
	base := len(d.kvs)
	defer func() { d.kvs = d.kvs[:base] }()
	for {
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return nil, false
		}
		k, ok := d.key()
		if !ok {
			return nil, false
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return nil, false
		}
		d.i++
		d.space()
		v, ok := d.value()
		if !ok {
			return nil, false
		}
		d.kvs = append(d.kvs, fastKV{k, v})
		d.space()
		if d.i >= len(d.b) {
			return nil, false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case '}':
			d.i++
			kvs := d.kvs[base:]
			m := make(map[string]any, len(kvs))
			for _, kv := range kvs {
				m[kv.k] = kv.v // a repeated key: the last one counts, as in encoding/json
			}
			clear(kvs) // let the values go with the map
			return m, true
		default:
			return nil, false
		}
	}
}

// unquoteJSON is encoding/json's unquote for a string literal's content already validated by strBytes.
func unquoteJSON(s []byte) string {
	b := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for r := 0; r < len(s); {
		switch c := s[r]; {
		case c == '\\':
			r++
			switch s[r] {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rr := getu4(s[r-1:])
				r += 5
				if utf16.IsSurrogate(rr) {
					if rr1 := getu4(s[r:]); rr1 >= 0 {
						if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
							r += 6
							b = utf8.AppendRune(b, dec)
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, rr)
				continue
			default: // " \ /
				b = append(b, s[r])
			}
			r++
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			b = utf8.AppendRune(b, rr)
		}
	}
	return string(b)
}

// getu4 reads the four hex digits of \uXXXX at the start of s, or -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
