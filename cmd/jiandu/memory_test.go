package main

import "testing"

func TestRaisedCeiling(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct{ ceiling, live, want int64 }{
		{850 * mib, 300 * mib, 850 * mib},  // a 1M scan: well under, unchanged
		{850 * mib, 764 * mib, 850 * mib},  // just under 90%
		{850 * mib, 800 * mib, 1200 * mib}, // past 90%: 1.5 times the live heap
		{1200 * mib, 2000 * mib, 3000 * mib},
	} {
		if got := raisedCeiling(c.ceiling, c.live); got != c.want {
			t.Errorf("raisedCeiling(%d MiB, %d MiB) = %d MiB, want %d MiB", c.ceiling/mib, c.live/mib, got/mib, c.want/mib)
		}
	}
}
