package engine

import (
	"bytes"
	"sort"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
	"github.com/jiandu/jiandu/internal/records"
)

// BenchmarkPartitions is the spill of a scan without the rules: encode every valid record of a
// generated export into its buckets (Add), then decode every bucket into the unit and enterprise
// inputs (go test -bench Partitions ./internal/engine).
func BenchmarkPartitions(b *testing.B) {
	recs := loadGenerated(b, 10000)
	b.Run("add", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p := NewPartitions(PartitionOptions{})
			for _, r := range recs {
				p.Add(r)
			}
			p.Close()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(recs)*b.N), "ns/record")
	})
	p := NewPartitions(PartitionOptions{})
	defer p.Close()
	for _, r := range recs {
		p.Add(r)
	}
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for j := 0; j < p.buckets; j++ {
				groups, err := p.readUnits(j)
				if err != nil {
					b.Fatal(err)
				}
				for _, g := range groups {
					if _, err := p.unitInput(g); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := p.readEnterprises(j); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(recs)*b.N), "ns/record")
	})
}

func loadGenerated(t testing.TB, n int) []*records.Record {
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: n, Seed: 2, Violations: 0.05}); err != nil {
		t.Fatal(err)
	}
	v, err := records.NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		recs []*records.Record
	)
	l := records.NewLoader(v, func(r *records.Record) { mu.Lock(); recs = append(recs, r); mu.Unlock() })
	l.LoadReader("export.json", &buf, records.Extensions[".json"])
	l.Finish()
	sort.Slice(recs, func(i, j int) bool { return recs[i].Seq < recs[j].Seq })
	return recs
}

// The shared terms of a bucket's cache are the terms decoded without it, and an officer's projection
// is the officer without training and exams.
func TestCodecCacheAndProjection(t *testing.T) {
	cache := newTermCache()
	for _, r := range loadGenerated(t, 3000) {
		b, err := appendValue(nil, r.Value)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []*termCache{nil, cache, cache} {
			d := decoder{b: b, cache: c}
			got, err := d.term()
			if err != nil || !d.done() {
				t.Fatalf("%s %s: %v", r.Kind, r.ID, err)
			}
			want, err := ast.InterfaceToValue(r.Value)
			if err != nil {
				t.Fatal(err)
			}
			if got.Value.Compare(want) != 0 {
				t.Fatalf("%s %s: decoded %v, want %v", r.Kind, r.ID, got, want)
			}
		}
		if r.Kind == "officer" {
			m := map[string]any{}
			for k, x := range r.Value {
				if k != "training" && k != "exams" {
					m[k] = x
				}
			}
			want, _ := appendValue(nil, m)
			got, err := officerProjection(r.Value)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("officer %s: projection differs (%v)", r.ID, err)
			}
		}
	}
}
