package scan

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
)

// BenchmarkScan scans generated exports the way the nightly job does (go test -bench Scan
// ./internal/scan). The whole-process comparison with stock opa eval, conftest and the decode floor,
// at 10k/100k/1M records, is tools/bench (docs/performance.md).
func BenchmarkScan(b *testing.B) {
	s, err := Load(jiandu.Policies())
	if err != nil {
		b.Fatal(err)
	}
	for _, prof := range []string{"qidong-2023", "taishan-2024"} {
		for _, n := range []int{1000, 10000} {
			path := filepath.Join(b.TempDir(), "export.json")
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriter(f)
			if _, err := gen.Generate(w, gen.Options{Profile: prof, Records: n, Seed: 1, Violations: 0.02}); err != nil {
				b.Fatal(err)
			}
			w.Flush()
			f.Close()
			b.Run(fmt.Sprintf("%s/%d", prof, n), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					res, err := s.Run(context.Background(), Options{Paths: []string{path}})
					if err != nil {
						b.Fatal(err)
					}
					if res.Summary.Records != n {
						b.Fatalf("read %d records, want %d", res.Summary.Records, n)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}
