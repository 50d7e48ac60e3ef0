package engine

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

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
	switch x := v.(type) {
	case nil:
		return append(b, tagNull), nil
	case bool:
		if x {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case string:
		return appendString(append(b, tagString), x), nil
	case json.Number:
		return appendString(append(b, tagNumber), string(x)), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("number %v cannot be encoded", x)
		}
		return appendString(append(b, tagNumber), strconv.FormatFloat(x, 'g', -1, 64)), nil
	case int:
		return appendString(append(b, tagNumber), strconv.Itoa(x)), nil
	case []any:
		b = binary.AppendUvarint(append(b, tagArray), uint64(len(x)))
		var err error
		for _, e := range x {
			if b, err = appendValue(b, e); err != nil {
				return nil, err
			}
		}
		return b, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(append(b, tagObject), uint64(len(keys)))
		var err error
		for _, k := range keys {
			b = appendString(b, k)
			if b, err = appendValue(b, x[k]); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("value of type %T cannot be encoded", v)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errCorrupt = errors.New("spill data is corrupt")

// decoder reads values back as OPA terms.
type decoder struct {
	b   []byte
	off int
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

func (d *decoder) str() (string, error) {
	n, err := d.uvarint()
	if err != nil || d.off+n > len(d.b) {
		return "", errCorrupt
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	return s, nil
}

func (d *decoder) done() bool { return d.off >= len(d.b) }

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
	case tagString:
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return ast.StringTerm(s), nil
	case tagNumber:
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return ast.NumberTerm(json.Number(s)), nil
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
		pairs := make([][2]*ast.Term, n)
		for i := range pairs {
			k, err := d.str()
			if err != nil {
				return nil, err
			}
			v, err := d.term()
			if err != nil {
				return nil, err
			}
			pairs[i] = [2]*ast.Term{ast.StringTerm(k), v}
		}
		return ast.ObjectTerm(pairs...), nil
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
