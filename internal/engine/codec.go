package engine

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The spill codec: a record's decoded JSON value in a compact binary form that decodes straight into
// OPA terms, so that a record is converted to an OPA value once, when its partition is evaluated,
// without a second JSON parse. Object keys are written sorted, so equal records encode to equal bytes.
const (
	tagNull   = 'n'
	tagTrue   = 't'
	tagFalse  = 'f'
	tagString = 's'
	tagNumber = 'd'
	tagArray  = 'a'
	tagObject = 'o'
)

// appendValue encodes a decoded JSON value (json.Number for numbers).
func appendValue(b []byte, v any) ([]byte, error) {
	e := encoder{b: b}
	err := e.value(v, false)
	return e.b, err
}

// encoder appends values to b, with a stack of object keys reused from object to object (one encoder
// per goroutine: encoders).
type encoder struct {
	b    []byte
	keys []string
}

var encoders = sync.Pool{New: func() any { return &encoder{b: make([]byte, 0, 4<<10)} }}

// value appends v; officer leaves out training and exams of the top-level object (officerProjection).
func (e *encoder) value(v any, officer bool) error {
	switch x := v.(type) {
	case nil:
		e.b = append(e.b, tagNull)
	case bool:
		if x {
			e.b = append(e.b, tagTrue)
		} else {
			e.b = append(e.b, tagFalse)
		}
	case string:
		e.b = appendString(append(e.b, tagString), x)
	case json.Number:
		e.b = appendString(append(e.b, tagNumber), string(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("number %v cannot be encoded", x)
		}
		e.b = appendString(append(e.b, tagNumber), strconv.FormatFloat(x, 'g', -1, 64))
	case int:
		e.b = appendString(append(e.b, tagNumber), strconv.Itoa(x))
	case []any:
		e.b = binary.AppendUvarint(append(e.b, tagArray), uint64(len(x)))
		for _, item := range x {
			if err := e.value(item, false); err != nil {
				return err
			}
		}
	case map[string]any:
		base := len(e.keys)
		for k := range x {
			if officer && (k == "training" || k == "exams") {
				continue
			}
			e.keys = append(e.keys, k)
		}
		n := len(e.keys) - base
		slices.Sort(e.keys[base:])
		e.b = binary.AppendUvarint(append(e.b, tagObject), uint64(n))
		for i := 0; i < n; i++ {
			k := e.keys[base+i] // e.keys may grow (and move) under the nested values
			e.b = appendString(e.b, k)
			if err := e.value(x[k], false); err != nil {
				e.keys = e.keys[:base]
				return err
			}
		}
		clear(e.keys[base:])
		e.keys = e.keys[:base]
	default:
		return fmt.Errorf("value of type %T cannot be encoded", v)
	}
	return nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errCorrupt = errors.New("spill data is corrupt")

// decoder reads values back as OPA terms.
type decoder struct {
	b     []byte
	off   int
	cache *termCache // nil: every term is new
}

// termCache shares terms among the records decoded from one bucket: the object keys (a few hundred
// names) and the short strings and numbers that repeat from record to record (kinds, statuses, dates,
// unit ids), which are most of a record's terms. Terms are not changed by evaluation (OPA shares its
// own interned terms the same way). It also holds the decoders' scratch stack of object entries.
type termCache struct {
	keys  map[string]*ast.Term
	vals  [2048]cachedTerm
	seed  maphash.Seed
	pairs [][2]*ast.Term
}

type cachedTerm struct {
	s   string
	tag byte
	t   *ast.Term
}

const (
	maxCachedKeys  = 4096 // keys kept, so that odd objects with many keys do not grow the cache
	maxCachedBytes = 32   // the longest string or number shared
)

func newTermCache() *termCache {
	return &termCache{keys: map[string]*ast.Term{}, seed: maphash.MakeSeed()}
}

func (d *decoder) uvarint() (int, error) {
	n, w := binary.Uvarint(d.b[d.off:])
	if w <= 0 || n > uint64(len(d.b)) {
		return 0, errCorrupt
	}
	d.off += w
	return int(n), nil
}

func (d *decoder) uvarint64() (uint64, error) {
	n, w := binary.Uvarint(d.b[d.off:])
	if w <= 0 {
		return 0, errCorrupt
	}
	d.off += w
	return n, nil
}

// bytes reads a length-prefixed string without copying it.
func (d *decoder) bytes() ([]byte, error) {
	n, err := d.uvarint()
	if err != nil || d.off+n > len(d.b) {
		return nil, errCorrupt
	}
	s := d.b[d.off : d.off+n]
	d.off += n
	return s, nil
}

func (d *decoder) str() (string, error) {
	b, err := d.bytes()
	return string(b), err
}

func (d *decoder) done() bool { return d.off >= len(d.b) }

// scalar is a string or number term of b, shared through the cache when it is short.
func (d *decoder) scalar(tag byte, b []byte) *ast.Term {
	if d.cache == nil || len(b) > maxCachedBytes {
		return newScalar(tag, string(b))
	}
	e := &d.cache.vals[maphash.Bytes(d.cache.seed, b)%uint64(len(d.cache.vals))]
	if e.t != nil && e.tag == tag && e.s == string(b) {
		return e.t
	}
	e.s, e.tag = string(b), tag
	e.t = newScalar(tag, e.s)
	return e.t
}

func newScalar(tag byte, s string) *ast.Term {
	if tag == tagNumber {
		return ast.NumberTerm(json.Number(s))
	}
	return ast.StringTerm(s)
}

func (d *decoder) key() (*ast.Term, error) {
	b, err := d.bytes()
	if err != nil {
		return nil, err
	}
	if d.cache == nil {
		return ast.StringTerm(string(b)), nil
	}
	if t, ok := d.cache.keys[string(b)]; ok {
		return t, nil
	}
	t := ast.StringTerm(string(b))
	if len(d.cache.keys) < maxCachedKeys {
		d.cache.keys[string(b)] = t
	}
	return t, nil
}

func (d *decoder) term() (*ast.Term, error) {
	if d.off >= len(d.b) {
		return nil, errCorrupt
	}
	tag := d.b[d.off]
	d.off++
	switch tag {
	case tagNull:
		return ast.NullTerm(), nil
	case tagTrue:
		return ast.BooleanTerm(true), nil
	case tagFalse:
		return ast.BooleanTerm(false), nil
	case tagString, tagNumber:
		b, err := d.bytes()
		if err != nil {
			return nil, err
		}
		return d.scalar(tag, b), nil
	case tagArray:
		n, err := d.uvarint()
		if err != nil {
			return nil, err
		}
		items := make([]*ast.Term, n)
		for i := range items {
			if items[i], err = d.term(); err != nil {
				return nil, err
			}
		}
		return ast.ArrayTerm(items...), nil
	case tagObject:
		n, err := d.uvarint()
		if err != nil {
			return nil, err
		}
		var pairs [][2]*ast.Term
		base := 0
		if d.cache != nil {
			base = len(d.cache.pairs)
		}
		for i := 0; i < n; i++ {
			k, err := d.key()
			if err != nil {
				return nil, err
			}
			v, err := d.term()
			if err != nil {
				return nil, err
			}
			if d.cache != nil {
				d.cache.pairs = append(d.cache.pairs, [2]*ast.Term{k, v})
			} else {
				pairs = append(pairs, [2]*ast.Term{k, v})
			}
		}
		if d.cache != nil {
			pairs = d.cache.pairs[base:]
			defer func() {
				clear(pairs)
				d.cache.pairs = d.cache.pairs[:base]
			}()
		}
		return ast.ObjectTerm(pairs...), nil // NewObject copies the pairs
	}
	return nil, errCorrupt
}

func appendUvarint(b []byte, n uint64) []byte { return binary.AppendUvarint(b, n) }

func uvarint(b []byte) (int, int) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)) {
		return 0, -1
	}
	return int(n), w
}
