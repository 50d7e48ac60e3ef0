package records

import (
	"bufio"
	"bytes"
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
//
// A byte scanner (splitter) cuts the container into its parts: it validates as encoding/json does and
// finds each record's extent, many times faster than encoding/json's Decoder, and the workers decode
// the records. It vouches only for well-formed input it fully understands; at the first thing it is not
// sure about (a syntax error, a truncated file, a key with escapes, a kind that is not an array, deep
// nesting) it stops handing out parts and the file is read again from the start by encoding/json
// (readContainer), which skips the parts already handed out: a broken file gives exactly the records,
// errors and byte offsets it always gave (encoding/json's own counts). The second reading needs the
// file again, so the splitter is used only when the source can seek (a file, not a pipe).
type jsonFormat struct{}

func (jsonFormat) Read(name string, r io.Reader, l *Loader) error {
	return readJSON(name, r, loaderParts{l}, 0)
}

// readJSON reads a JSON container from r, with the splitter when r is a jsonInput (chunk: the
// splitter's read size, 0 for splitChunk).
func readJSON(name string, r io.Reader, out containerParts, chunk int) error {
	in, ok := r.(*jsonInput)
	if !ok {
		return readContainer(name, r, out)
	}
	pos, err := in.origin.Seek(0, io.SeekCurrent)
	if err != nil { // a pipe
		return readContainer(name, in.Reader, out)
	}
	start := pos - int64(in.Buffered()) // where the container starts (past a byte order mark)
	sp := &splitter{r: in.Reader, name: name, out: out, chunk: chunk}
	if sp.container() {
		return nil
	}
	if _, err := in.origin.Seek(start, io.SeekStart); err != nil {
		return fmt.Errorf("cannot read the file again (%v): export it again", err)
	}
	return readContainer(name, bufio.NewReaderSize(in.origin, 1<<16), &skipParts{out, sp.parts})
}

// jsonInput is a buffered reader over a source that can seek: what LoadReader hands a JSON container's
// reader, so that it can read the file again from where it started.
type jsonInput struct {
	*bufio.Reader
	origin io.ReadSeeker
}

// formatInput is the reader format reads from: br, with the source under it for a JSON container.
func formatInput(format Format, br *bufio.Reader, r io.Reader) io.Reader {
	if _, ok := format.(jsonFormat); ok {
		if rs, ok := r.(io.ReadSeeker); ok {
			return &jsonInput{Reader: br, origin: rs}
		}
	}
	return br
}

// containerParts takes the parts of a JSON container in file order: the header, the records of a
// kind, a kind that is not an array, a top-level key that is no kind.
type containerParts interface {
	header(h any, loc Location)
	record(kind string, raw []byte, loc Location)
	notArray(f Fact)
	unknownArray(file, key string, loc Location)
}

// loaderParts hands the parts to the loader.
type loaderParts struct{ l *Loader }

func (p loaderParts) header(h any, loc Location)                   { p.l.Header(h, loc) }
func (p loaderParts) record(kind string, raw []byte, loc Location) { p.l.AcceptJSON(kind, raw, loc) }
func (p loaderParts) notArray(f Fact)                              { p.l.SchemaError(f) }
func (p loaderParts) unknownArray(file, key string, loc Location)  { p.l.UnknownArray(file, key, loc) }

// skipParts leaves out the first skip parts (handed out already by the splitter).
type skipParts struct {
	out  containerParts
	skip int
}

func (p *skipParts) skipped() bool {
	if p.skip > 0 {
		p.skip--
		return true
	}
	return false
}

func (p *skipParts) header(h any, loc Location) {
	if !p.skipped() {
		p.out.header(h, loc)
	}
}

func (p *skipParts) record(kind string, raw []byte, loc Location) {
	if !p.skipped() {
		p.out.record(kind, raw, loc)
	}
}

func (p *skipParts) notArray(f Fact) {
	if !p.skipped() {
		p.out.notArray(f)
	}
}

func (p *skipParts) unknownArray(file, key string, loc Location) {
	if !p.skipped() {
		p.out.unknownArray(file, key, loc)
	}
}

// readContainer reads a JSON container with encoding/json's Decoder: the reference for the splitter,
// and what reads a file the splitter gave up on.
func readContainer(name string, r io.Reader, out containerParts) error {
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
			out.header(h, Location{File: name, Pointer: "/export"})
		case isKind:
			tok, err := dec.Token()
			if err != nil {
				return syntaxError(dec, err)
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				if d, ok := tok.(json.Delim); ok && d == '{' {
					return fmt.Errorf("/%s must be an array of %s records, not an object", key, kind)
				}
				out.notArray(Fact{Kind: "export", ID: name, Loc: Location{File: name, Pointer: "/" + key}, Path: "/" + key,
					Reason: fmt.Sprintf("/%s must be an array of %s records", key, kind)})
				continue
			}
			for i := 0; dec.More(); i++ {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return syntaxError(dec, err)
				}
				out.record(kind, raw, Location{File: name, Pointer: "/" + key + "/" + strconv.Itoa(i)})
			}
			if _, err := dec.Token(); err != nil {
				return syntaxError(dec, err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return syntaxError(dec, err)
			}
			out.unknownArray(name, key, Location{File: name, Pointer: "/" + key})
		}
	}
	if _, err := dec.Token(); err != nil && err != io.EOF {
		return syntaxError(dec, err)
	}
	return nil
}

// splitChunk is how much of the file the splitter reads at a time. Records are handed out as slices of
// the chunk they were read in, which the workers hold: a chunk is never written again, each read makes
// a new one.
const splitChunk = 1 << 20

// maxSplitDepth bounds the splitter's nesting; deeper values go to encoding/json (which refuses past
// 10000).
const maxSplitDepth = 512

// The splitter's scans end with one of these.
const (
	splitOK   = iota
	splitMore // the bytes read end before the value does
	splitBad  // not what encoding/json takes, or not what the splitter vouches for
)

// splitter cuts a JSON container into its parts as readContainer does, handing each to out as soon as
// it is read in full and validated. It reports, rather than handles, anything unexpected: container
// is false, and parts counts what was handed out.
type splitter struct {
	r     io.Reader
	name  string
	out   containerParts
	parts int
	chunk int
	buf   []byte // the bytes read; buf[i:] are still to take
	i     int
	eof   bool // r has no more (or failed)
	stack [maxSplitDepth]byte
}

// container reads the whole container; false at the first thing it is not sure about.
func (s *splitter) container() bool {
	if s.next() != '{' {
		return false
	}
	s.i++
	c := s.next()
	if c == '}' {
		return true
	}
	for {
		if c != '"' {
			return false
		}
		key, ok := s.key()
		if !ok || s.next() != ':' {
			return false
		}
		s.i++
		c = s.next()
		kind, isKind := KindOfArray[key]
		switch {
		case key == "export":
			raw, ok := s.value()
			if !ok {
				return false
			}
			var h any
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			if dec.Decode(&h) != nil {
				return false
			}
			s.parts++
			s.out.header(h, Location{File: s.name, Pointer: "/export"})
		case isKind:
			if c != '[' {
				return false // a kind that is not an array: encoding/json says what it is
			}
			s.i++
			prefix := "/" + key + "/"
			if c = s.next(); c != ']' {
				for n := 0; ; n++ {
					raw, ok := s.value()
					if !ok {
						return false
					}
					s.parts++
					s.out.record(kind, raw, Location{File: s.name, Pointer: prefix + strconv.Itoa(n)})
					if c = s.next(); c != ',' {
						break
					}
					s.i++
					s.next()
				}
				if c != ']' {
					return false
				}
			}
			s.i++
		default:
			if _, ok := s.value(); !ok {
				return false
			}
			s.parts++
			s.out.unknownArray(s.name, key, Location{File: s.name, Pointer: "/" + key})
		}
		switch s.next() {
		case ',':
			s.i++
			c = s.next()
		case '}':
			return true // what follows is not read, as by encoding/json
		default:
			return false
		}
	}
}

// more reads on, keeping buf[keep:], which moves to the start of a new buffer; false when there is
// nothing more.
func (s *splitter) more(keep int) bool {
	if s.eof {
		return false
	}
	n := len(s.buf) - keep
	size := s.chunk
	if size <= 0 {
		size = splitChunk
	}
	for size < 2*n {
		size *= 2
	}
	b := make([]byte, size)
	copy(b, s.buf[keep:])
	m, err := io.ReadFull(s.r, b[n:])
	if err != nil { // the end, or a read error that encoding/json will meet again
		s.eof = true
	}
	s.buf, s.i = b[:n+m], s.i-keep
	return m > 0
}

// next skips white space and is the byte that follows (not taken), or -1 at the end.
func (s *splitter) next() int {
	for {
		s.i = skipSpace(s.buf, s.i)
		if s.i < len(s.buf) {
			return int(s.buf[s.i])
		}
		if !s.more(s.i) {
			return -1
		}
	}
}

// key takes an object key at buf[i] (a '"'): only one that is itself (no escapes, valid UTF-8).
func (s *splitter) key() (string, bool) {
	for {
		end, st := scanString(s.buf, s.i)
		switch st {
		case splitOK:
			k := s.buf[s.i+1 : end-1]
			s.i = end
			if bytes.IndexByte(k, '\\') >= 0 || !utf8.Valid(k) {
				return "", false
			}
			return string(k), true
		case splitBad:
			return "", false
		}
		if !s.more(s.i) {
			return "", false
		}
	}
}

// value takes the JSON value that starts at buf[i]: its bytes, as encoding/json's Decoder gives them in
// a json.RawMessage.
func (s *splitter) value() ([]byte, bool) {
	for {
		end, st := s.scanValue(s.buf, s.i)
		switch st {
		case splitOK:
			raw := s.buf[s.i:end:end]
			s.i = end
			return raw, true
		case splitBad:
			return nil, false
		}
		if !s.more(s.i) {
			return nil, false
		}
	}
}

// scanValue finds the end of the JSON value that starts at b[i], validating it as encoding/json's
// scanner does.
func (s *splitter) scanValue(b []byte, i int) (int, int) {
	stack := s.stack[:0] // the open objects and arrays: '{' or '['
	var st int
value:
	for {
		// a value starts at b[i]
		if i >= len(b) {
			return i, splitMore
		}
		switch c := b[i]; c {
		case '"':
			if i, st = scanString(b, i); st != splitOK {
				return i, st
			}
		case '{', '[':
			if len(stack) == maxSplitDepth {
				return i, splitBad
			}
			if i = skipSpace(b, i+1); i >= len(b) {
				return i, splitMore
			}
			if c == '{' && b[i] == '}' || c == '[' && b[i] == ']' {
				i++
				break
			}
			stack = append(stack, c)
			if c == '{' {
				if i, st = scanKey(b, i); st != splitOK {
					return i, st
				}
			}
			continue value
		case 't':
			if i, st = scanLiteral(b, i, "true"); st != splitOK {
				return i, st
			}
		case 'f':
			if i, st = scanLiteral(b, i, "false"); st != splitOK {
				return i, st
			}
		case 'n':
			if i, st = scanLiteral(b, i, "null"); st != splitOK {
				return i, st
			}
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			if i, st = scanNumber(b, i); st != splitOK {
				return i, st
			}
		default:
			return i, splitBad
		}
		// a value ended at b[i]: what follows it in the objects and arrays it is in
		for len(stack) > 0 {
			if i = skipSpace(b, i); i >= len(b) {
				return i, splitMore
			}
			open := stack[len(stack)-1]
			switch c := b[i]; {
			case c == ',':
				i = skipSpace(b, i+1)
				if open == '{' {
					if i, st = scanKey(b, i); st != splitOK {
						return i, st
					}
				}
				continue value
			case c == '}' && open == '{', c == ']' && open == '[':
				i++
				stack = stack[:len(stack)-1]
			default:
				return i, splitBad
			}
		}
		return i, splitOK
	}
}

// scanKey takes `"key"` and the colon after it at b[i], and the white space after that.
func scanKey(b []byte, i int) (int, int) {
	if i >= len(b) {
		return i, splitMore
	}
	if b[i] != '"' {
		return i, splitBad
	}
	i, st := scanString(b, i)
	if st != splitOK {
		return i, st
	}
	if i = skipSpace(b, i); i >= len(b) {
		return i, splitMore
	}
	if b[i] != ':' {
		return i, splitBad
	}
	return skipSpace(b, i+1), splitOK
}

// strPlain are the bytes that stand for themselves in a JSON string: not '"', '\\' or a control
// character (encoding/json's scanner does not look at UTF-8).
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString takes the string literal at b[i] (a '"').
func scanString(b []byte, i int) (int, int) {
	j := i + 1
	for {
		for j < len(b) && strPlain[b[j]] {
			j++
		}
		if j >= len(b) {
			return j, splitMore
		}
		switch b[j] {
		case '"':
			return j + 1, splitOK
		case '\\':
			if j+1 >= len(b) {
				return j, splitMore
			}
			switch b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(b) {
					return j, splitMore
				}
				if !isHex(b[j+2]) || !isHex(b[j+3]) || !isHex(b[j+4]) || !isHex(b[j+5]) {
					return j, splitBad
				}
				j += 6
			default:
				return j, splitBad
			}
		default: // a control character
			return j, splitBad
		}
	}
}

// scanLiteral takes lit (true, false, null) at b[i].
func scanLiteral(b []byte, i int, lit string) (int, int) {
	if len(b)-i < len(lit) {
		return i, splitMore
	}
	if string(b[i:i+len(lit)]) != lit {
		return i, splitBad
	}
	return i + len(lit), splitOK
}

// scanNumber takes -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at b[i]. A number that ends the bytes
// read may go on in the bytes not read yet: splitMore.
func scanNumber(b []byte, i int) (int, int) {
	if b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return i, splitMore
	}
	switch {
	case b[i] == '0':
		i++
	case b[i] >= '1' && b[i] <= '9':
		i = skipDigits(b, i+1)
	default:
		return i, splitBad
	}
	if i < len(b) && b[i] == '.' {
		if i++; i >= len(b) {
			return i, splitMore
		}
		if b[i] < '0' || b[i] > '9' {
			return i, splitBad
		}
		i = skipDigits(b, i+1)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		if i++; i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) {
			return i, splitMore
		}
		if b[i] < '0' || b[i] > '9' {
			return i, splitBad
		}
		i = skipDigits(b, i+1)
	}
	if i >= len(b) {
		return i, splitMore
	}
	return i, splitOK
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// skipSpace skips JSON white space from b[i].
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\n', '\r', '\t':
			i++
		default:
			return i
		}
	}
	return i
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
