package records

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
)

// The fast checker (fastschema.go) must agree with jsonschema/v5 on every value: the fixtures, their
// mutations, hand-made schemas and fuzzed JSON. "Agree" is: fast says valid exactly when jsonschema/v5
// finds no error. (Validate only needs "fast valid ⇒ jsonschema valid", but the checker is exact for
// the schemas it takes, and holding it to that catches a wrong rule in either direction.)

const fixturesDir = "../../fixtures"

var allKinds = append([]string{"export"}, Kinds...)

var (
	fastOnce              sync.Once
	fastReal, fastClosed  *Validator
	fastRecords           []kindValue
	fastRealErr, fastCErr error
)

type kindValue struct {
	kind  string
	value any
}

// fastSetup builds the validator of the built-in policy tree, the same schema with every object closed
// (additionalProperties: false beside each properties), and the fixture records.
func fastSetup(t testing.TB) (*Validator, *Validator, []kindValue) {
	t.Helper()
	fastOnce.Do(func() {
		fastReal, fastRealErr = NewValidator(jiandu.Policies())
		if fastRealErr != nil {
			return
		}
		raw, err := fs.ReadFile(jiandu.Policies(), SchemaPath)
		if err != nil {
			fastCErr = err
			return
		}
		fastClosed, fastCErr = NewValidator(schemaFS(t, raw, closeObjects))
		if fastCErr != nil {
			return
		}
		fastRecords, fastCErr = fixtureRecords(fastReal)
	})
	if fastRealErr != nil {
		t.Fatal(fastRealErr)
	}
	if fastCErr != nil {
		t.Fatal(fastCErr)
	}
	return fastReal, fastClosed, fastRecords
}

// schemaFS is a policy tree holding only a schema document: raw, changed by edit.
func schemaFS(t testing.TB, raw []byte, edit func(doc map[string]any)) fs.FS {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{SchemaPath: &fstest.MapFile{Data: b}}
}

// closeObjects adds additionalProperties: false to every subschema with properties that has none.
func closeObjects(doc map[string]any) {
	var walk func(x any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			if _, ok := x["properties"]; ok {
				if _, ok := x["additionalProperties"]; !ok {
					x["additionalProperties"] = false
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(doc)
}

// fixtureRecords reads every export under fixtures/: each JSON container and NDJSON file decoded as
// the readers decode (numbers as json.Number), as it is written, and every record the loader reads
// from any format (CSV and workbooks too) as it hands it to Validate (normalized, pruned). Duplicates
// are dropped.
func fixtureRecords(v *Validator) ([]kindValue, error) {
	var out []kindValue
	seen := map[string]bool{}
	add := func(kind string, value any) {
		b, err := json.Marshal(value)
		if err != nil {
			return
		}
		if k := kind + "\x00" + string(b); !seen[k] {
			seen[k] = true
			out = append(out, kindValue{kind, value})
		}
	}
	err := filepath.WalkDir(fixturesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if strings.HasSuffix(name, ".expect.json") || name == "expected.json" {
			return nil
		}
		switch filepath.Ext(name) {
		case ".json":
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
			dec.UseNumber()
			var doc map[string]any
			if dec.Decode(&doc) != nil {
				return nil
			}
			for key, x := range doc {
				if key == "export" {
					add("export", x)
				} else if kind, ok := KindOfArray[key]; ok {
					if arr, ok := x.([]any); ok {
						for _, rec := range arr {
							add(kind, rec)
						}
					}
				}
			}
		case ".ndjson", ".jsonl":
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
				dec.UseNumber()
				var rec map[string]any
				if dec.Decode(&rec) != nil {
					continue
				}
				kind, _ := rec["kind"].(string)
				delete(rec, "kind")
				if _, ok := Plural[kind]; ok || kind == "export" {
					add(kind, rec)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	l := NewLoader(v, func(*Record) {})
	var loaded []kindValue
	l.All = func(r *Record) {
		if r.Value != nil {
			loaded = append(loaded, kindValue{r.Kind, r.Value})
		}
	}
	l.LoadPaths([]string{fixturesDir}, nil)
	l.Finish()
	for _, r := range loaded {
		add(r.kind, r.value)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].kind < out[j].kind })
	return out, nil
}

// agree checks one value against one kind of v: the fast verdict and jsonschema/v5's.
func agree(t testing.TB, v *Validator, kind string, value any) bool {
	t.Helper()
	f := v.fast[kind]
	if f == nil {
		t.Fatalf("no fast checker for %s: %s", kind, v.fastOff[kind])
	}
	want := v.schemas[kind].Validate(value) == nil
	got := f.valid(value)
	if got != want {
		b, _ := json.Marshal(value)
		t.Errorf("%s: fast says valid=%v, jsonschema/v5 says valid=%v: %s", kind, got, want, b)
		return false
	}
	return true
}

func TestFastSchemaCompilesEveryKind(t *testing.T) {
	real, closed, _ := fastSetup(t)
	for _, v := range []*Validator{real, closed} {
		for _, kind := range allKinds {
			if v.fast[kind] == nil {
				t.Errorf("%s: no fast checker: %s", kind, v.fastOff[kind])
			}
		}
	}
}

func TestFastSchemaAgreesOnFixtures(t *testing.T) {
	real, closed, recs := fastSetup(t)
	counts := map[string][2]int{}
	for _, r := range recs {
		c := counts[r.kind]
		if agree(t, real, r.kind, r.value) && real.fast[r.kind].valid(r.value) {
			c[0]++
		} else {
			c[1]++
		}
		counts[r.kind] = c
		agree(t, closed, r.kind, r.value)
		if want := real.schemas[r.kind].Validate(r.value) == nil; (real.Validate(r.kind, r.value) == nil) != want {
			t.Errorf("%s: Validate disagrees with jsonschema/v5", r.kind)
		}
	}
	t.Logf("%d distinct fixture records; kind: [valid invalid] %v", len(recs), counts)
	for _, kind := range allKinds {
		if counts[kind][0] == 0 {
			t.Errorf("no valid %s record among the fixtures", kind)
		}
	}
	if counts["case"][1] == 0 {
		t.Errorf("no invalid case record among the fixtures (fixtures/bad has some)")
	}
}

// TestFastSchemaAgreesOnMutations breaks fixture records in every place they have: a key dropped (a
// required one among them), a value of each wrong type, a string outside its enum, impossible dates
// and times, an extra key (which the closed schema rejects), an array item of a wrong type.
func TestFastSchemaAgreesOnMutations(t *testing.T) {
	real, closed, recs := fastSetup(t)
	// the richest records of each kind: most distinct key paths first
	byKind := map[string][]kindValue{}
	for _, r := range recs {
		byKind[r.kind] = append(byKind[r.kind], r)
	}
	per := 8
	if testing.Short() {
		per = 2
	}
	var n, rejected int
	for _, kind := range allKinds {
		rs := byKind[kind]
		sort.SliceStable(rs, func(i, j int) bool { return countPaths(rs[i].value) > countPaths(rs[j].value) })
		if len(rs) > per {
			rs = rs[:per]
		}
		for _, r := range rs {
			mutate(r.value, func(m any) {
				n++
				if !real.fast[kind].valid(m) {
					rejected++
				}
				agree(t, real, kind, m)
				agree(t, closed, kind, m)
			})
		}
	}
	t.Logf("%d mutants, %d of them invalid", n, rejected)
	if n < 1000*per || rejected < n/4 {
		t.Errorf("too few mutants (%d) or too few invalid ones (%d)", n, rejected)
	}
}

// countPaths counts the distinct key paths of a value (array items as one).
func countPaths(v any) int {
	paths := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		paths[prefix] = true
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(prefix+"/"+k, c)
			}
		case []any:
			for _, c := range x {
				walk(prefix+"/*", c)
			}
		}
	}
	walk("", v)
	return len(paths)
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, c := range x {
			m[k] = deepCopy(c)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, c := range x {
			a[i] = deepCopy(c)
		}
		return a
	}
	return v
}

// mutate calls emit with copies of root, each broken (or changed) in one place.
func mutate(root any, emit func(any)) {
	type step struct {
		key string
		idx int
	}
	// at makes a fresh copy of root and finds the node at path in it; set replaces that node, get
	// returns the copy.
	at := func(path []step) (get func() any, node any, set func(any)) {
		box := []any{deepCopy(root)}
		node = box[0]
		set = func(x any) { box[0] = x }
		for _, s := range path {
			switch p := node.(type) {
			case map[string]any:
				k := s.key
				node, set = p[k], func(x any) { p[k] = x }
			case []any:
				i := s.idx
				node, set = p[i], func(x any) { p[i] = x }
			}
		}
		return func() any { return box[0] }, node, set
	}
	// every node gets a value of each JSON type; a string also gets what breaks an enum, a date or a
	// date-time, and changes of itself
	wrong := []any{json.Number("7"), "x", true, nil, []any{}, map[string]any{}}
	wrongString := []any{json.Number("1.5"), false, "", "zzz-not-in-any-enum", "2023-02-30", "2023-02-29", "2024-02-29",
		"2023-13-01", "2023-1-01", "2023-02-28T10:00:00+08:00", "2023-02-30T10:00:00+08:00", "2023-02-28T24:00:00Z",
		"2023-02-28T23:59:60Z", "2023-02-28 10:00:00+08:00", "2023-02-28T10:00:00", []any{"x"}, map[string]any{"zz": "x"}}
	var walk func(path []step, v any)
	walk = func(path []step, v any) {
		path = path[:len(path):len(path)]
		for _, w := range wrong {
			get, _, set := at(path)
			set(deepCopy(w))
			emit(get())
		}
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				get, node, _ := at(path)
				delete(node.(map[string]any), k)
				emit(get())
			}
			get, node, _ := at(path)
			node.(map[string]any)["zz_extra"] = "x"
			emit(get())
			for _, k := range keys {
				walk(append(path, step{key: k}), x[k])
			}
		case []any:
			for _, w := range []any{json.Number("1"), "x", nil, true, map[string]any{}, []any{}} {
				get, _, set := at(path)
				set(append(deepCopy(x).([]any), w))
				emit(get())
			}
			for i, c := range x {
				if i == 2 {
					break // the items after share the schema of these
				}
				walk(append(path, step{idx: i}), c)
			}
		case string:
			alt := wrongString
			if len(x) >= 10 {
				alt = append(alt[:len(alt):len(alt)], x[:10], x[:9]+"9", x[:8]+"30", x+"x", x[:len(x)-1])
			}
			for _, w := range alt {
				get, _, set := at(path)
				set(deepCopy(w))
				emit(get())
			}
		}
	}
	walk(nil, root)
}

// TestFastSchemaUnsupportedKeyword: a policy tree's own schema with a keyword the fast checker does
// not know (minimum, pattern) has no fast checker for the kinds that reach it, and Validate still
// gives jsonschema/v5's answer.
func TestFastSchemaUnsupportedKeyword(t *testing.T) {
	_, _, recs := fastSetup(t)
	raw, err := fs.ReadFile(jiandu.Policies(), SchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	fsys := schemaFS(t, raw, func(doc map[string]any) {
		defs := doc["$defs"].(map[string]any)
		fine := defs["case"].(map[string]any)["properties"].(map[string]any)["decision"].(map[string]any)["properties"].(map[string]any)["fine"].(map[string]any)
		fine["minimum"] = json.Number("0")
		id := defs["unit"].(map[string]any)["properties"].(map[string]any)["id"].(map[string]any)
		id["pattern"] = "^U-"
	})
	v, err := NewValidator(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for kind, word := range map[string]string{"case": "minimum", "unit": "pattern"} {
		if v.fast[kind] != nil || !strings.Contains(v.fastOff[kind], word) {
			t.Errorf("%s: the fast checker was built over %q (off: %q)", kind, word, v.fastOff[kind])
		}
	}
	for _, kind := range []string{"export", "officer", "inspection", "submission", "incident", "clue"} {
		if v.fast[kind] == nil {
			t.Errorf("%s: no fast checker: %s", kind, v.fastOff[kind])
		}
	}
	var caseFine, unitID int
	for _, r := range recs {
		value := deepCopy(r.value)
		broken := false
		if m, ok := value.(map[string]any); ok {
			if d, ok := m["decision"].(map[string]any); ok && r.kind == "case" {
				d["fine"] = json.Number("-5")
				caseFine++
				broken = true
			}
			if r.kind == "unit" {
				m["id"] = "X-1"
				unitID++
				broken = true
			}
		}
		want := v.schemas[r.kind].Validate(value) == nil
		got := v.Validate(r.kind, value)
		if (got == nil) != want {
			t.Errorf("%s: Validate says %v, jsonschema/v5 valid=%v", r.kind, got, want)
		}
		if broken && got == nil {
			t.Errorf("%s: a value the added keyword rejects passed", r.kind)
		}
	}
	if caseFine == 0 || unitID == 0 {
		t.Errorf("no case with a decision (%d) or no unit (%d) to try", caseFine, unitID)
	}
}

// compileBoth compiles $defs/<kind> of a schema document with jsonschema/v5 (as NewValidator does) and
// with the fast checker.
func compileBoth(t *testing.T, doc, kind string) (*jsonschema.Schema, *fastNode, error) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource("jiandu:///input.json", strings.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("jiandu:///input.json#/$defs/" + kind)
	if err != nil {
		t.Fatal(err)
	}
	var whole any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&whole); err != nil {
		t.Fatal(err)
	}
	f, err := compileFast(whole, kind)
	return s, f, err
}

// TestFastSchemaHandMade covers what the record schema does not use (yet): integer, numbers and
// objects in an enum, boolean schemas, closed objects, additionalProperties as a schema, $ref beside
// other keywords, recursion, a format jsonschema/v5 does not know, date-time.
func TestFastSchemaHandMade(t *testing.T) {
	const doc = `{
	  "$schema": "https://json-schema.org/draft/2020-12/schema",
	  "$id": "https://example.test/s.json",
	  "$defs": {
	    "t": {
	      "type": "object",
	      "required": ["n"],
	      "additionalProperties": false,
	      "properties": {
	        "n": {"type": "integer"},
	        "e": {"enum": [1, "1", null, true, {"a": [1]}, [2.0]]},
	        "no": false,
	        "any": true,
	        "s": {"$ref": "#/$defs/str", "enum": ["a", "bb", "2023-01-01"]},
	        "m": {"type": "object", "additionalProperties": {"$ref": "#/$defs/t"}},
	        "kids": {"type": "array", "items": {"$ref": "#/$defs/t"}},
	        "when": {"type": ["string", "null"], "format": "date-time"},
	        "odd": {"format": "not-a-known-format", "type": "string"},
	        "esc": {"$ref": "#/$defs/a~1b"}
	      }
	    },
	    "str": {"type": "string", "format": "date", "description": "a date"},
	    "a/b": {"type": "number"}
	  }
	}`
	s, f, err := compileBoth(t, doc, "t")
	if err != nil {
		t.Fatal(err)
	}
	values := []string{
		`{"n": 1}`, `{"n": 1.0}`, `{"n": 1.5}`, `{"n": 10e2}`, `{"n": "1"}`, `{}`, `[]`, `null`, `1`,
		`{"n": 1, "x": 1}`, `{"n": 1, "no": null}`, `{"n": 1, "any": [1, {"x": null}]}`,
		`{"n": 1, "e": 1}`, `{"n": 1, "e": 1.00}`, `{"n": 1, "e": "1"}`, `{"n": 1, "e": 2}`, `{"n": 1, "e": null}`,
		`{"n": 1, "e": true}`, `{"n": 1, "e": false}`, `{"n": 1, "e": {"a": [1.0]}}`, `{"n": 1, "e": {"a": [1], "b": 1}}`,
		`{"n": 1, "e": [2]}`, `{"n": 1, "e": [2, 2]}`,
		`{"n": 1, "s": "2023-01-01"}`, `{"n": 1, "s": "a"}`, `{"n": 1, "s": "2023-02-30"}`, `{"n": 1, "s": 5}`,
		`{"n": 1, "m": {}}`, `{"n": 1, "m": {"k": {"n": 2}}}`, `{"n": 1, "m": {"k": {"n": 2, "m": {"j": {}}}}}`,
		`{"n": 1, "kids": [{"n": 1}, {"n": 2, "kids": []}]}`, `{"n": 1, "kids": [{"n": 1}, {"kids": []}]}`,
		`{"n": 1, "when": "2023-02-28T10:00:00+08:00"}`, `{"n": 1, "when": "2023-02-28T10:00:00Z"}`,
		`{"n": 1, "when": "2023-02-28t10:00:00.5z"}`, `{"n": 1, "when": "2023-02-28T24:00:00Z"}`,
		`{"n": 1, "when": "2023-02-28T23:59:60Z"}`, `{"n": 1, "when": "2023-02-28T10:00:00"}`, `{"n": 1, "when": null}`,
		`{"n": 1, "odd": "whatever"}`, `{"n": 1, "odd": 1}`, `{"n": 1, "esc": 1}`, `{"n": 1, "esc": "1"}`,
	}
	for _, js := range values {
		var v any
		dec := json.NewDecoder(strings.NewReader(js))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(js, err)
		}
		if want, got := s.Validate(v) == nil, f.valid(v); want != got {
			t.Errorf("%s: fast %v, jsonschema/v5 %v", js, got, want)
		}
	}
	// Go values that are no JSON values, and numbers of other Go types: fast never says valid where
	// jsonschema/v5 does not.
	for _, v := range []any{
		map[string]any{"n": 1}, map[string]any{"n": 1.5}, map[string]any{"n": int16(1)}, map[string]any{"n": float32(2)},
		map[string]any{"n": uint8(3), "e": 1.0}, map[string]any{"n": 1, "e": []any{2}}, map[string]any{"n": 1, "any": struct{}{}},
		map[string]any{"n": 1, "s": []byte("a")}, map[string]string{"n": "1"},
	} {
		want := func() (ok bool) {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			return s.Validate(v) == nil
		}()
		if got := f.valid(v); got && !want {
			t.Errorf("%#v: fast says valid, jsonschema/v5 does not", v)
		}
	}
	// random values built from the schema's own keys and values
	rng := rand.New(rand.NewPCG(1, 2))
	keys := []string{"n", "e", "no", "any", "s", "m", "kids", "when", "odd", "esc", "a", "k"}
	leaves := []any{nil, true, false, json.Number("1"), json.Number("1.0"), json.Number("2.5"), "1", "a", "bb",
		"2023-01-01", "2023-02-30", "2023-02-28T10:00:00+08:00", ""}
	var gen func(depth int) any
	gen = func(depth int) any {
		switch k := rng.IntN(10); {
		case k < 4 || depth > 3:
			return leaves[rng.IntN(len(leaves))]
		case k < 6:
			a := make([]any, rng.IntN(3))
			for i := range a {
				a[i] = gen(depth + 1)
			}
			return a
		default:
			m := map[string]any{}
			if rng.IntN(4) > 0 {
				m["n"] = json.Number("1")
			}
			for i := rng.IntN(4); i > 0; i-- {
				m[keys[rng.IntN(len(keys))]] = gen(depth + 1)
			}
			return m
		}
	}
	var valid int
	for i := 0; i < 20000; i++ {
		v := gen(0)
		want, got := s.Validate(v) == nil, f.valid(v)
		if want != got {
			b, _ := json.Marshal(v)
			t.Fatalf("%s: fast %v, jsonschema/v5 %v", b, got, want)
		}
		if want {
			valid++
		}
	}
	if valid < 500 {
		t.Errorf("only %d of the random values were valid", valid)
	}
}

// TestFastSchemaRefusals: what the fast checker does not take, it refuses (the kind then has none).
func TestFastSchemaRefusals(t *testing.T) {
	for _, c := range []struct{ name, def, extra string }{
		{"pattern", `{"type": "string", "pattern": "^a"}`, ""},
		{"minimum in a referenced def", `{"$ref": "#/$defs/n"}`, `, "n": {"minimum": 1}`},
		{"anyOf", `{"anyOf": [{"type": "string"}]}`, ""},
		{"nested $id", `{"$id": "other.json", "type": "string"}`, ""},
		{"$ref through a nested $id", `{"$ref": "#/$defs/o/properties/x"}`, `, "o": {"$id": "o.json", "properties": {"x": {"$ref": "#/$defs/p"}}}, "p": {"type": "string"}`},
		{"$ref to another document", `{"$ref": "other.json#/x"}`, ""},
		{"$ref by anchor", `{"$ref": "#here"}`, `, "h": {"$anchor": "here"}`},
		{"percent-encoded $ref", `{"$ref": "#/$defs/p%20q"}`, `, "p q": {"type": "string"}`},
		{"items as an array", `{"items": [{"type": "string"}]}`, ""},
		{"unevaluatedProperties", `{"unevaluatedProperties": false}`, ""},
		{"const", `{"const": 1}`, ""},
	} {
		doc := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {"t": ` + c.def + c.extra + `}}`
		var whole any
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&whole); err != nil {
			t.Fatal(c.name, err)
		}
		if _, err := compileFast(whole, "t"); err == nil {
			t.Errorf("%s: compiled", c.name)
		}
	}
	for _, sch := range []string{`"http://json-schema.org/draft-07/schema#"`, `"https://json-schema.org/draft/2019-09/schema"`, `5`} {
		var whole any
		_ = json.Unmarshal([]byte(`{"$schema": `+sch+`, "$defs": {"t": {"type": "string"}}}`), &whole)
		if _, err := compileFast(whole, "t"); err == nil {
			t.Errorf("$schema %s: compiled", sch)
		}
	}
	var whole any
	_ = json.Unmarshal([]byte(`{"$schema": "http://json-schema.org/draft/2020-12/schema#", "$defs": {"t": {"type": "string"}}}`), &whole)
	if _, err := compileFast(whole, "t"); err != nil {
		t.Errorf("2020-12 over http with #: %v", err)
	}
}

// FuzzFastSchemaAgrees: on any JSON value, for any kind, the fast checker and jsonschema/v5 agree,
// with the built-in schema and with its closed variant.
//
//	go test -run='^$' -fuzz=FuzzFastSchemaAgrees -fuzztime=60s ./internal/records/
func FuzzFastSchemaAgrees(f *testing.F) {
	real, closed, recs := fastSetup(f)
	kindIndex := map[string]uint8{}
	for i, k := range allKinds {
		kindIndex[k] = uint8(i)
	}
	for _, r := range recs {
		b, err := json.Marshal(r.value)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(kindIndex[r.kind], b)
	}
	f.Add(uint8(2), []byte(`{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-02-30", "handlers": ["O-1"]}`))
	f.Add(uint8(0), []byte(`{"generated_at": "2024-01-10T09:00:00+08:00", "period": {"from": "2023-01-01", "to": "2023-12-31"}}`))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return
		}
		kind := allKinds[int(k)%len(allKinds)]
		agree(t, real, kind, v)
		agree(t, closed, kind, v)
	})
}

// BenchmarkValidate validates the valid records of a generated export (qidong-2023, 20000 records),
// one record per op: jsonschema/v5 alone (as before the fast checker) and Validate with it.
func BenchmarkValidate(b *testing.B) {
	v, err := NewValidator(jiandu.Policies())
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: 20000, Seed: 7, Violations: 0.02}); err != nil {
		b.Fatal(err)
	}
	var recs []kindValue
	l := NewLoader(v, func(*Record) {})
	l.All = func(r *Record) {
		if r.Valid {
			recs = append(recs, kindValue{r.Kind, r.Value})
		}
	}
	l.LoadReader("export.json", &buf, jsonFormat{})
	l.Finish()
	if len(recs) < 15000 {
		b.Fatalf("only %d valid records", len(recs))
	}
	slow := &Validator{schemas: v.schemas, shapes: v.shapes}
	for _, r := range recs {
		if slow.Validate(r.kind, r.value) != nil || !v.fast[r.kind].valid(r.value) {
			b.Fatalf("%s record not valid on both paths", r.kind)
		}
	}
	for _, c := range []struct {
		name string
		v    *Validator
	}{{"jsonschema", slow}, {"fast", v}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				r := recs[i]
				if c.v.Validate(r.kind, r.value) != nil {
					b.Fatal("invalid")
				}
				if i++; i == len(recs) {
					i = 0
				}
			}
		})
	}
}
