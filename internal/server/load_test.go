package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestLoad is the bounded load test: JIANDU_LOAD_N scans of the demo (default 200), JIANDU_LOAD_C at a
// time (default 8), against a server on 127.0.0.1. It reports latency percentiles and throughput and
// checks that every scan answered 200, that no upload is left in the temporary folder, and that the heap
// after the run (after GC) is back near its baseline. It runs only when asked:
//
//	JIANDU_LOAD=1 go test -run TestLoad -v ./internal/server
func TestLoad(t *testing.T) {
	if os.Getenv("JIANDU_LOAD") == "" || testing.Short() {
		t.Skip("the load test runs with JIANDU_LOAD=1 (docs/serve.md)")
	}
	n, c := envInt("JIANDU_LOAD_N", 200), envInt("JIANDU_LOAD_C", 8)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	_, ts := start(t, Config{MaxScans: c})
	file := demo(t)
	body := read(t, file)
	url := ts.URL + "/v1/scan?profile=qidong-2023&filename=" + filepath.Base(file)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}}
	scanOnce := func() (time.Duration, int, int, error) {
		start := time.Now()
		resp, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			return 0, 0, 0, err
		}
		m, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return time.Since(start), resp.StatusCode, int(m), nil
	}
	// warm up (first evaluations fill OPA's caches), then take the baseline
	for range 3 {
		if _, code, _, err := scanOnce(); err != nil || code != 200 {
			t.Fatalf("warm-up: %d %v", code, err)
		}
	}
	base := heapAfterGC()
	baseG := runtime.NumGoroutine()

	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()

	lat := make([]time.Duration, n)
	codes := map[int]int{}
	var mu sync.Mutex
	jobs := make(chan int)
	var wg sync.WaitGroup
	began, cpu0 := time.Now(), cpuTime()
	var bytesOut atomic.Int64
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d, code, m, err := scanOnce()
				if err != nil {
					t.Error(err)
				}
				bytesOut.Add(int64(m))
				mu.Lock()
				lat[i] = d
				codes[code]++
				mu.Unlock()
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	wall, cpu := time.Since(began), cpuTime()-cpu0
	close(stop)
	sampler.Wait()
	client.CloseIdleConnections()

	after := heapAfterGC()
	time.Sleep(100 * time.Millisecond) // let finished handlers' goroutines exit
	afterG := runtime.NumGoroutine()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pc := func(p float64) time.Duration { return lat[min(n-1, int(p*float64(n)))].Round(time.Millisecond) }
	t.Logf("%d scans of %s (%d bytes, answer %d bytes), %d at a time: %.1f scans/s over %v",
		n, filepath.Base(file), len(body), bytesOut.Load()/int64(n), c, float64(n)/wall.Seconds(), wall.Round(time.Millisecond))
	t.Logf("latency p50 %v  p90 %v  p99 %v  max %v; CPU %v a scan (server and client, %d cores; load average %s)",
		pc(0.50), pc(0.90), pc(0.99), lat[n-1].Round(time.Millisecond), (cpu / time.Duration(n)).Round(time.Millisecond),
		runtime.NumCPU(), loadavg())
	t.Logf("heap after GC: baseline %s, peak during the run %s, after the run %s; goroutines %d → %d",
		mib(base), mib(peak.Load()), mib(after), baseG, afterG)
	t.Logf("answers %v", codes)

	if codes[200] != n {
		t.Errorf("answers %v: want %d × 200", codes, n)
	}
	if slack := max(base/2, 16<<20); after > base+slack {
		t.Errorf("the heap did not come back: %s after the run, baseline %s", mib(after), mib(base))
	}
	if afterG > baseG+4 {
		t.Errorf("goroutines %d after the run, %d before", afterG, baseG)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func heapAfterGC() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// cpuTime is the process's user and system CPU time so far; on a shared machine it tells the cost of
// a scan apart from the wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
