package main

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// followLiveHeap raises the soft memory ceiling when what a scan must keep (the export-wide id index,
// the officers, the findings of a very large export) grows past most of it. A ceiling below the live
// heap makes the collector run without pause — half the CPU for the rest of the run — while freeing
// nothing; the ceiling exists to stop the heap doubling with garbage, not to starve the index.
// It samples the live heap every interval and, when it passes 90% of the ceiling (where the collector
// already runs almost without pause), sets the ceiling to 1.5 times the live heap. A 1,000,000-record
// scan stays well under it and keeps its ceiling; the ceiling never comes down within a run.
func followLiveHeap(ceiling int64, interval time.Duration) (stop func()) {
	done := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return
			}
			if next := raisedCeiling(ceiling, int64(sample[0].Value.Uint64())); next > ceiling {
				ceiling = next
				debug.SetMemoryLimit(ceiling)
			}
		}
	}()
	return func() { close(done) }
}

// raisedCeiling is the ceiling for a live heap: unchanged while the heap is under 90% of it, else 1.5
// times the live heap.
func raisedCeiling(ceiling, live int64) int64 {
	if live*10 < ceiling*9 {
		return ceiling
	}
	return live + live/2
}
