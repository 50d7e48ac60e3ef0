package records

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"sort"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
)

// generatedValues decodes the records of a generated NDJSON export, kind and value.
func generatedValues(t testing.TB, n int) (kinds []string, values []map[string]any) {
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: n, Seed: 4, Violations: 0.05, Format: "ndjson"}); err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(buf.Bytes(), []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		kind, _ := v["kind"].(string)
		delete(v, "kind")
		kinds = append(kinds, kind)
		values = append(values, v)
	}
	return kinds, values
}

// BenchmarkPrune is Validator.Prune on the records of a generated export (nothing to drop after the
// first pass, as in most exports).
func BenchmarkPrune(b *testing.B) {
	v, err := NewValidator(jiandu.Policies())
	if err != nil {
		b.Fatal(err)
	}
	kinds, values := generatedValues(b, 10000)
	for i := range values {
		v.Prune(kinds[i], values[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range values {
			v.Prune(kinds[j], values[j])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(values)*b.N), "ns/record")
}

// prunedBefore is Prune as it was first written: the reference the faster one must agree with.
func prunedBefore(v *Validator, kind string, value map[string]any) []string {
	var dropped []string
	var walk func(s *shape, value any, prefix string)
	walk = func(s *shape, value any, prefix string) {
		if s == nil {
			return
		}
		switch x := value.(type) {
		case map[string]any:
			for k, child := range x {
				cs, ok := s.props[k]
				if !ok {
					dropped = append(dropped, prefix+k)
					delete(x, k)
					continue
				}
				walk(cs, child, prefix+k+".")
			}
		case []any:
			for _, item := range x {
				walk(s, item, prefix)
			}
		}
	}
	walk(v.shapes[kind], value, "")
	sort.Strings(dropped)
	return dropped
}

// salt adds unknown keys at random places of a value: top level, nested objects, array items, values
// that are not objects where the schema has one.
func salt(r *rand.Rand, x any, depth int) {
	switch x := x.(type) {
	case map[string]any:
		if r.Intn(3) == 0 {
			x["zz_unknown"+string(rune('a'+r.Intn(3)))] = "x"
		}
		if depth == 0 && r.Intn(10) == 0 {
			x["party"] = "not an object"
		}
		if depth == 0 && r.Intn(10) == 0 {
			x["decision"] = map[string]any{"zz": map[string]any{"deeper": 1}, "date": "2023-01-01"}
		}
		for k, c := range x {
			if items, ok := c.([]any); ok && r.Intn(4) == 0 {
				x[k] = append(items, map[string]any{"zz_item": true})
			}
			salt(r, c, depth+1)
		}
	case []any:
		for _, c := range x {
			salt(r, c, depth+1)
		}
	}
}

// Prune drops and reports exactly what it did before it was made faster, for records with unknown keys
// at any depth and for clean ones.
func TestPruneAgreesWithTheReference(t *testing.T) {
	v, err := NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	kinds, values := generatedValues(t, 3000)
	r := rand.New(rand.NewSource(1))
	dropping := 0
	for i, val := range values {
		if i%2 == 0 {
			salt(r, val, 0)
		}
		b, err := json.Marshal(val)
		if err != nil {
			t.Fatal(err)
		}
		var a, c map[string]any
		json.Unmarshal(b, &a)
		json.Unmarshal(b, &c)
		want := prunedBefore(v, kinds[i], a)
		got := v.Prune(kinds[i], c)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s %s: dropped %q, want %q", kinds[i], b, got, want)
		}
		if !reflect.DeepEqual(a, c) {
			t.Fatalf("%s %s: pruned to %v, want %v", kinds[i], b, c, a)
		}
		if len(want) > 0 {
			dropping++
		}
	}
	if dropping < 500 {
		t.Errorf("only %d records with keys to drop", dropping)
	}
	for _, kind := range []string{"export", "unknown-kind"} {
		x := map[string]any{"zz": 1, "jurisdiction": "q"}
		y := map[string]any{"zz": 1, "jurisdiction": "q"}
		if got, want := v.Prune(kind, x), prunedBefore(v, kind, y); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(x, y) {
			t.Errorf("%s: dropped %q, want %q", kind, got, want)
		}
	}
}
