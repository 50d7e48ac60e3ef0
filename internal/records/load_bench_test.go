package records_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
	"github.com/jiandu/jiandu/internal/records"
)

var benchExports sync.Map // format → []byte

func benchExport(b *testing.B, format string, n int) []byte {
	key := fmt.Sprintf("%s/%d", format, n)
	if x, ok := benchExports.Load(key); ok {
		return x.([]byte)
	}
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: n, Seed: 1, Violations: 0.02, Format: format}); err != nil {
		b.Fatal(err)
	}
	benchExports.Store(key, buf.Bytes())
	return buf.Bytes()
}

// BenchmarkLoad is the load phase of a scan without the rules: read, decode, normalize, prune and
// validate every record of a generated export (go test -bench Load ./internal/records). ns/record is
// what one record costs; the sink does nothing, so the spill encoding is not in it (engine's
// BenchmarkPartitions is).
func BenchmarkLoad(b *testing.B) {
	v, err := records.NewValidator(jiandu.Policies())
	if err != nil {
		b.Fatal(err)
	}
	const n = 10000
	for _, format := range []string{"json", "ndjson"} {
		data := benchExport(b, format, n)
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				l := records.NewLoader(v, func(*records.Record) {})
				l.LoadReader("export."+format, bytes.NewReader(data), records.Extensions["."+format])
				l.Finish()
				if l.Records != n || len(l.Errors) > 0 {
					b.Fatalf("read %d records (%v), want %d", l.Records, l.Errors, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*b.N), "ns/record")
		})
	}
}
