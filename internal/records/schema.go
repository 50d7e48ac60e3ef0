package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// SchemaPath is where the schema document lives inside a policy tree.
const SchemaPath = "schemas/input.json"

// Validator checks records against their kind's schema ($defs/<kind> of the one schema document)
// and knows each kind's keys, so that keys RECORDS.md does not define can be dropped and reported.
type Validator struct {
	schemas map[string]*jsonschema.Schema
	shapes  map[string]*shape
	// fast holds, per kind, a compiled accept-path of the same schema (fastschema.go): a record it
	// accepts is valid; anything else goes to jsonschema/v5. A kind whose schema uses a keyword it
	// does not know has none (fastOff says why).
	fast    map[string]*fastNode
	fastOff map[string]string
}

// shape is the key tree of a schema: nil children for a leaf value.
type shape struct {
	props map[string]*shape
	list  []prop // props as a list, for Prune
}

type prop struct {
	key   string
	shape *shape
}

// NewValidator compiles the schema document of a policy tree (draft 2020-12, formats asserted, so an
// impossible date such as 2023-02-30 fails).
func NewValidator(policies fs.FS) (*Validator, error) {
	raw, err := fs.ReadFile(policies, SchemaPath)
	if err != nil {
		return nil, fmt.Errorf("reading the record schema %s: %w", SchemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	const url = "jiandu:///input.json"
	if err := c.AddResource(url, bytes.NewReader(raw)); err != nil {
		return nil, fmt.Errorf("%s: %w", SchemaPath, err)
	}
	var doc struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", SchemaPath, err)
	}
	// the whole document as jsonschema/v5 reads it (numbers as json.Number), for the fast checker
	var whole any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&whole); err != nil {
		return nil, fmt.Errorf("%s: %w", SchemaPath, err)
	}
	v := &Validator{schemas: map[string]*jsonschema.Schema{}, shapes: map[string]*shape{},
		fast: map[string]*fastNode{}, fastOff: map[string]string{}}
	for _, kind := range append([]string{"export"}, Kinds...) {
		def, ok := doc.Defs[kind]
		if !ok {
			return nil, fmt.Errorf("%s: no $defs/%s", SchemaPath, kind)
		}
		s, err := c.Compile(url + "#/$defs/" + kind)
		if err != nil {
			return nil, fmt.Errorf("%s: $defs/%s: %w", SchemaPath, kind, err)
		}
		v.schemas[kind] = s
		var node any
		if err := json.Unmarshal(def, &node); err != nil {
			return nil, err
		}
		v.shapes[kind] = shapeOf(node)
		if f, err := compileFast(whole, kind); err != nil {
			v.fastOff[kind] = err.Error()
		} else {
			v.fast[kind] = f
		}
	}
	return v, nil
}

func shapeOf(node any) *shape {
	m, ok := node.(map[string]any)
	if !ok {
		return nil
	}
	if props, ok := m["properties"].(map[string]any); ok {
		s := &shape{props: map[string]*shape{}}
		for k, p := range props {
			s.props[k] = shapeOf(p)
			s.list = append(s.list, prop{k, s.props[k]})
		}
		return s
	}
	if items, ok := m["items"]; ok {
		return shapeOf(items)
	}
	return nil
}

// Keys lists a kind's keys, nested ones dotted (certificate.expires), sorted.
func (v *Validator) Keys(kind string) []string {
	var out []string
	var walk func(prefix string, s *shape)
	walk = func(prefix string, s *shape) {
		for k, c := range s.props {
			if c == nil || len(c.props) == 0 {
				out = append(out, prefix+k)
				continue
			}
			walk(prefix+k+".", c)
		}
	}
	if s := v.shapes[kind]; s != nil {
		walk("", s)
	}
	sort.Strings(out)
	return out
}

// Prune drops, in place, the keys of value that the kind's schema does not define, and returns them
// dotted (decision.foo), sorted.
func (v *Validator) Prune(kind string, value map[string]any) []string {
	s := v.shapes[kind]
	if s == nil || cleanObject(s, value) {
		return nil
	}
	var pr pruner
	pr.object(s, value)
	sort.Strings(pr.dropped)
	return pr.dropped
}

// cleanObject tells whether an object has only keys its shape defines, all the way down. Most records
// have, and telling so takes a look-up per key of the shape: no walk of the map, no names built, no
// allocation.
func cleanObject(s *shape, x map[string]any) bool {
	known := 0
	for _, p := range s.list {
		child, ok := x[p.key]
		if !ok {
			continue
		}
		known++
		if p.shape != nil && !cleanValue(p.shape, child) {
			return false
		}
	}
	return known == len(x)
}

func cleanValue(s *shape, value any) bool {
	switch x := value.(type) {
	case map[string]any:
		return cleanObject(s, x)
	case []any:
		for _, item := range x {
			if !cleanValue(s, item) {
				return false
			}
		}
	}
	return true
}

// pruner drops the keys of an object that is not clean, naming each by the path to it.
type pruner struct {
	path    []string
	dropped []string
}

func (pr *pruner) object(s *shape, x map[string]any) {
	for k, child := range x {
		cs, ok := s.props[k]
		if !ok {
			pr.drop(k)
			delete(x, k)
			continue
		}
		if cs != nil {
			pr.path = append(pr.path, k)
			pr.value(cs, child)
			pr.path = pr.path[:len(pr.path)-1]
		}
	}
}

func (pr *pruner) value(s *shape, value any) {
	switch x := value.(type) {
	case map[string]any:
		pr.object(s, x)
	case []any:
		for _, item := range x {
			pr.value(s, item)
		}
	}
}

// drop notes key k of the object at the path.
func (pr *pruner) drop(k string) {
	if len(pr.path) == 0 {
		pr.dropped = append(pr.dropped, k)
		return
	}
	pr.dropped = append(pr.dropped, strings.Join(pr.path, ".")+"."+k)
}

// Problem is why a value failed its schema: the JSON path inside the record and the reason.
type Problem struct {
	Path   string
	Reason string
	Value  string
}

// Validate checks one decoded value (json.Number for numbers) against the kind's schema. A value the
// fast checker accepts is valid; any other is judged by jsonschema/v5, which also says why.
func (v *Validator) Validate(kind string, value any) *Problem {
	s, ok := v.schemas[kind]
	if !ok {
		return &Problem{Reason: fmt.Sprintf("unknown kind %q", kind)}
	}
	if f := v.fast[kind]; f != nil && f.valid(value) {
		return nil
	}
	err := s.Validate(value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return &Problem{Reason: err.Error()}
	}
	leaves := leafErrors(ve)
	sort.SliceStable(leaves, func(i, j int) bool { return leaves[i].InstanceLocation < leaves[j].InstanceLocation })
	var reasons []string
	seen := map[string]bool{}
	for _, l := range leaves {
		r := describe(l)
		if !seen[r] {
			seen[r] = true
			reasons = append(reasons, r)
		}
	}
	p := &Problem{Path: leaves[0].InstanceLocation, Reason: strings.Join(reasons, "; ")}
	if p.Path == "" {
		p.Path = "/"
	}
	p.Value = valueAt(value, leaves[0].InstanceLocation)
	return p
}

func leafErrors(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leafErrors(c)...)
	}
	return out
}

func describe(e *jsonschema.ValidationError) string {
	loc := e.InstanceLocation
	if loc == "" {
		loc = "/"
	}
	return loc + ": " + e.Message
}

func valueAt(v any, pointer string) string {
	if pointer == "" {
		return ""
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			var i int
			if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(x) {
				return ""
			}
			v = x[i]
		default:
			return ""
		}
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if len(x) > 80 {
			return x[:80] + "…"
		}
		return x
	default:
		b, _ := json.Marshal(x)
		if len(b) > 80 {
			return string(b[:80]) + "…"
		}
		return string(b)
	}
}

var localInstant = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$`)

// instantKeys are the keys of each kind that hold instants; RECORDS.md reads an instant without an
// offset as China Standard Time.
var instantKeys = map[string][]string{
	"incident": {"occurred", "preliminary_report", "full_report"},
	"export":   {"generated_at"},
}

// NormalizeInstant gives an instant written without an offset the +08:00 of China Standard Time;
// anything else is returned unchanged (the schema judges it).
func NormalizeInstant(s string) string {
	m := localInstant.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	sec := m[3]
	if sec == "" {
		sec = ":00"
	}
	return m[1] + "T" + m[2] + sec + "+08:00"
}

func normalize(kind string, value map[string]any) {
	for _, k := range instantKeys[kind] {
		if s, ok := value[k].(string); ok {
			value[k] = NormalizeInstant(s)
		}
	}
}
