// fastschema.go: a compiled accept-path for the record schema. The schema document stays the single
// source of what a valid record is; this only answers "valid?" for the common case much faster than
// the general jsonschema/v5 walk (which keeps every error and its location). Any "not valid" answer
// goes back to jsonschema/v5 for the full Problem, and a schema using anything this does not know
// gets no fast checker at all, so the fast path can make loading cheaper but never change a verdict.

package records

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// fastNode is one compiled subschema. The zero value accepts everything (the schema true).
type fastNode struct {
	never    bool           // the schema false
	types    uint8          // allowed JSON types (fastNull…); 0 = any
	enum     *fastEnum      // nil = no enum
	format   func(any) bool // jsonschema.Formats[format]; nil = none or a format jsonschema/v5 does not assert
	required []string
	props    map[string]*fastNode
	closed   bool      // additionalProperties: false
	addl     *fastNode // additionalProperties as a schema
	items    *fastNode
	ref      *fastNode // $ref (2020-12: applied beside the other keywords)
}

// JSON types as a bit set; fastInteger is only ever a type a schema allows, never the type of a value.
const (
	fastNull uint8 = 1 << iota
	fastBoolean
	fastNumber
	fastString
	fastArray
	fastObject
	fastInteger
)

var fastTypeNames = map[string]uint8{
	"null": fastNull, "boolean": fastBoolean, "number": fastNumber, "string": fastString,
	"array": fastArray, "object": fastObject, "integer": fastInteger,
}

// fastEnum holds an enum's values; strings, booleans and null are looked up directly, anything else
// is compared the way jsonschema/v5 compares (equals).
type fastEnum struct {
	strs          map[string]bool
	null, yes, no bool
	others        []any
}

// fastTypeOf is jsonschema/v5's jsonType as a bit; 0 for a Go value that is no JSON value (jsonschema
// fails those with an InvalidJSONTypeError, and so the fast path leaves them to it).
func fastTypeOf(v any) uint8 {
	switch v.(type) {
	case nil:
		return fastNull
	case bool:
		return fastBoolean
	case json.Number, float32, float64, int, int8, int32, int64, uint, uint8, uint32, uint64:
		return fastNumber
	case string:
		return fastString
	case []any:
		return fastArray
	case map[string]any:
		return fastObject
	}
	return 0
}

// valid reports whether v is valid against n. It may say false for a valid value (the caller then asks
// jsonschema/v5) but never true for a value jsonschema/v5 rejects.
func (n *fastNode) valid(v any) bool {
	if n.never {
		return false
	}
	t := fastTypeOf(v)
	if t == 0 {
		return false
	}
	if n.types != 0 && n.types&t == 0 {
		if t != fastNumber || n.types&fastInteger == 0 || !fastIsInt(v) {
			return false
		}
	}
	if n.enum != nil && !n.enum.has(v, t) {
		return false
	}
	if n.format != nil && !n.format(v) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		for _, k := range n.required {
			if _, ok := x[k]; !ok {
				return false
			}
		}
		if n.props != nil || n.closed || n.addl != nil {
			for k, val := range x {
				if p, ok := n.props[k]; ok {
					if !p.valid(val) {
						return false
					}
				} else if n.closed {
					return false
				} else if n.addl != nil && !n.addl.valid(val) {
					return false
				}
			}
		}
	case []any:
		if n.items != nil {
			for _, item := range x {
				if !n.items.valid(item) {
					return false
				}
			}
		}
	}
	if n.ref != nil && !n.ref.valid(v) {
		return false
	}
	return true
}

// fastRat is the number jsonschema/v5 makes of v (big.Rat of fmt.Sprint), nil if it makes none.
func fastRat(v any) *big.Rat {
	if n, ok := v.(json.Number); ok {
		r, _ := new(big.Rat).SetString(string(n))
		return r
	}
	r, _ := new(big.Rat).SetString(fmt.Sprint(v))
	return r
}

func fastIsInt(v any) bool {
	r := fastRat(v)
	return r != nil && r.IsInt()
}

func (e *fastEnum) has(v any, t uint8) bool {
	switch x := v.(type) {
	case string:
		if e.strs[x] {
			return true
		}
	case bool:
		if (x && e.yes) || (!x && e.no) {
			return true
		}
	case nil:
		if e.null {
			return true
		}
	}
	for _, o := range e.others {
		if fastEquals(v, t, o) {
			return true
		}
	}
	return false
}

// fastEquals is jsonschema/v5's equals; false where that one would panic.
func fastEquals(a any, ta uint8, b any) bool {
	if ta == 0 || ta != fastTypeOf(b) {
		return false
	}
	switch ta {
	case fastArray:
		x, y := a.([]any), b.([]any)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !fastEquals(x[i], fastTypeOf(x[i]), y[i]) {
				return false
			}
		}
		return true
	case fastObject:
		x, y := a.(map[string]any), b.(map[string]any)
		if len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !fastEquals(xv, fastTypeOf(xv), yv) {
				return false
			}
		}
		return true
	case fastNumber:
		x, y := fastRat(a), fastRat(b)
		return x != nil && y != nil && x.Cmp(y) == 0
	default:
		return a == b
	}
}

// fastKeywords are the keywords the fast checker knows; a reachable subschema with any other keyword
// leaves its kind to jsonschema/v5. The annotations have no effect on validation in jsonschema/v5.
var fastKeywords = map[string]bool{
	"$ref": true, "$defs": true, "type": true, "enum": true, "format": true, "required": true,
	"properties": true, "additionalProperties": true, "items": true,
	"title": true, "description": true, "$comment": true, "default": true, "examples": true,
}

// fastCompiler compiles the subschemas of one document reachable from one $defs entry.
type fastCompiler struct {
	doc   any
	nodes map[string]*fastNode // by canonical JSON pointer
}

// compileFast compiles $defs/<kind> of doc (decoded with UseNumber), or says why it cannot.
func compileFast(doc any, kind string) (*fastNode, error) {
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the document is not an object")
	}
	if s, ok := root["$schema"]; ok {
		if s, ok := s.(string); !ok || !isDraft2020(s) {
			return nil, fmt.Errorf("$schema %v is not draft 2020-12", s)
		}
	}
	if _, ok := root["$vocabulary"]; ok {
		return nil, fmt.Errorf("$vocabulary")
	}
	c := &fastCompiler{doc: doc, nodes: map[string]*fastNode{}}
	n, err := c.resolve("/$defs/" + escapeToken(kind))
	if err != nil {
		return nil, err
	}
	// An in-place $ref cycle is an infinite loop for jsonschema/v5; leave it to it.
	for _, start := range c.nodes {
		seen := map[*fastNode]bool{}
		for x := start; x != nil; x = x.ref {
			if seen[x] {
				return nil, fmt.Errorf("$ref cycle")
			}
			seen[x] = true
		}
	}
	return n, nil
}

func isDraft2020(url string) bool {
	url = strings.TrimSuffix(strings.TrimSuffix(url, "/"), "#")
	url = strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	return url == "json-schema.org/draft/2020-12/schema"
}

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// resolve compiles the subschema at a canonical JSON pointer of the document.
func (c *fastCompiler) resolve(ptr string) (*fastNode, error) {
	if n, ok := c.nodes[ptr]; ok {
		return n, nil
	}
	node := c.doc
	if ptr != "" {
		for i, tok := range strings.Split(ptr[1:], "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			m, ok := node.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: not found", ptr)
			}
			if _, ok := m["$id"]; ok && i > 0 {
				// a subschema with its own base URI on the way: $refs below it may mean other things
				return nil, fmt.Errorf("%s: $id inside the document", ptr)
			}
			if node, ok = m[tok]; !ok {
				return nil, fmt.Errorf("%s: not found", ptr)
			}
		}
	}
	return c.compile(ptr, node)
}

// refPointer turns a $ref into a canonical pointer of this document; only plain fragment pointers
// ("#", "#/$defs/x") are taken.
func refPointer(ref string) (string, error) {
	if ref == "#" || ref == "#/" {
		return "", nil
	}
	if !strings.HasPrefix(ref, "#/") {
		return "", fmt.Errorf("$ref %q is not a pointer into this document", ref)
	}
	for i := 2; i < len(ref); i++ {
		r := ref[i]
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.IndexByte("_-.$/", r) >= 0:
		case r == '~' && i+1 < len(ref) && (ref[i+1] == '0' || ref[i+1] == '1'):
			i++
		default:
			return "", fmt.Errorf("$ref %q: character %q at %d", ref, r, i)
		}
	}
	return ref[1:], nil
}

func (c *fastCompiler) compile(ptr string, s any) (*fastNode, error) {
	n := &fastNode{}
	c.nodes[ptr] = n
	switch s := s.(type) {
	case bool:
		n.never = !s
		return n, nil
	case map[string]any:
		if ptr != "" {
			for _, k := range []string{"$id", "$schema", "$anchor", "$dynamicAnchor"} {
				if _, ok := s[k]; ok {
					return nil, fmt.Errorf("%s: %s", ptr, k)
				}
			}
		}
		for k, val := range s {
			if ptr == "" && (k == "$id" || k == "$schema") {
				continue
			}
			if !fastKeywords[k] {
				return nil, fmt.Errorf("%s: keyword %q", ptr, k)
			}
			if err := c.keyword(n, ptr, k, val); err != nil {
				return nil, fmt.Errorf("%s/%s: %w", ptr, escapeToken(k), err)
			}
		}
		return n, nil
	}
	return nil, fmt.Errorf("%s: a schema must be an object or a boolean", ptr)
}

func (c *fastCompiler) keyword(n *fastNode, ptr, k string, val any) error {
	var err error
	switch k {
	case "$ref":
		ref, ok := val.(string)
		if !ok {
			return fmt.Errorf("not a string")
		}
		p, err := refPointer(ref)
		if err != nil {
			return err
		}
		n.ref, err = c.resolve(p)
		return err
	case "type":
		var names []any
		switch t := val.(type) {
		case string:
			names = []any{t}
		case []any:
			names = t
		default:
			return fmt.Errorf("not a string or an array")
		}
		for _, name := range names {
			s, _ := name.(string)
			bit, ok := fastTypeNames[s]
			if !ok {
				return fmt.Errorf("type %v", name)
			}
			n.types |= bit
		}
		if len(names) == 0 {
			return fmt.Errorf("no types")
		}
	case "enum":
		items, ok := val.([]any)
		if !ok {
			return fmt.Errorf("not an array")
		}
		if len(items) == 0 {
			return nil // jsonschema/v5 ignores an empty enum
		}
		e := &fastEnum{strs: map[string]bool{}}
		for _, item := range items {
			switch x := item.(type) {
			case string:
				e.strs[x] = true
			case bool:
				if x {
					e.yes = true
				} else {
					e.no = true
				}
			case nil:
				e.null = true
			default:
				if fastTypeOf(x) == 0 {
					return fmt.Errorf("enum value %T", x)
				}
				e.others = append(e.others, x)
			}
		}
		n.enum = e
	case "format":
		name, ok := val.(string)
		if !ok {
			return fmt.Errorf("not a string")
		}
		n.format = jsonschema.Formats[name] // as the compiler with AssertFormat: an unknown format asserts nothing
	case "required":
		items, ok := val.([]any)
		if !ok {
			return fmt.Errorf("not an array")
		}
		for _, item := range items {
			s, ok := item.(string)
			if !ok {
				return fmt.Errorf("%v is not a string", item)
			}
			n.required = append(n.required, s)
		}
	case "properties":
		props, ok := val.(map[string]any)
		if !ok {
			return fmt.Errorf("not an object")
		}
		n.props = make(map[string]*fastNode, len(props))
		for name, p := range props {
			if n.props[name], err = c.child(ptr+"/properties/"+escapeToken(name), p); err != nil {
				return err
			}
		}
	case "additionalProperties":
		switch a := val.(type) {
		case bool:
			n.closed = !a
		case map[string]any:
			if n.addl, err = c.child(ptr+"/additionalProperties", a); err != nil {
				return err
			}
		default:
			return fmt.Errorf("not a schema")
		}
	case "items":
		if n.items, err = c.child(ptr+"/items", val); err != nil {
			return err
		}
	}
	return nil
}

func (c *fastCompiler) child(ptr string, s any) (*fastNode, error) {
	if n, ok := c.nodes[ptr]; ok {
		return n, nil
	}
	return c.compile(ptr, s)
}
