package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSpill is the move of full memory buckets to disk (spill) with the writes after it, the
// work done under the partitions lock when an export outgrows SpillBytes.
func BenchmarkSpill(b *testing.B) {
	frame := bytes.Repeat([]byte("x"), 200)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := NewPartitions(PartitionOptions{TempDir: b.TempDir(), SpillBytes: 16 << 20})
		for j := 0; !p.Spilled(); j++ {
			p.write(p.unitB[j%p.buckets], frame)
			if j%3 == 0 {
				p.write(p.entB[j%p.buckets], frame)
			}
		}
		for j := 0; j < 20000; j++ {
			p.write(p.unitB[j%p.buckets], frame)
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// A spilled bucket reads back every frame written to it, before and after the spill, and buckets that
// got nothing read back empty; Close leaves no spill folder.
func TestSpillKeepsEveryFrame(t *testing.T) {
	tmp := t.TempDir()
	p := NewPartitions(PartitionOptions{Buckets: 8, SpillBytes: 100, TempDir: tmp})
	want := make([][]byte, 2*8)
	add := func(b *bucket, i int, s string) {
		p.write(b, []byte(s))
		want[i] = append(want[i], byte(len(s)))
		want[i] = append(want[i], s...)
	}
	for j := 0; j < 10; j++ {
		add(p.unitB[j%3], j%3, "before-"+string(rune('a'+j)))
	}
	if p.Spilled() {
		t.Fatal("spilled early")
	}
	for j := 0; j < 10; j++ {
		add(p.unitB[j%3], j%3, "spilling-"+string(rune('a'+j)))
	}
	if !p.Spilled() {
		t.Fatal("not spilled")
	}
	for j := 0; j < 40; j++ {
		add(p.unitB[j%5], j%5, "after-"+string(rune('a'+j)))
		if j%4 == 0 {
			add(p.entB[6], 8+6, "ent-"+string(rune('a'+j)))
		}
	}
	for i := 0; i < 8; i++ {
		for k, b := range []*bucket{p.unitB[i], p.entB[i]} {
			got, err := p.contents(b)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want[k*8+i]) {
				t.Errorf("bucket %d/%d = %q, want %q", k, i, got, want[k*8+i])
			}
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := os.Stat(p.dir); !os.IsNotExist(err) {
		t.Errorf("spill folder %s: %v", p.dir, err)
	}
}
