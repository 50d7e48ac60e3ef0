package server

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/version"
)

// scanBuckets are the upper bounds (seconds) of the scan duration histogram.
var scanBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}

// metrics is a small Prometheus text exposition (format 0.0.4): requests, scans, their durations,
// records and findings. Everything is behind one mutex; a scan updates it a handful of times.
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]uint64 // handler, code
	outcomes map[string]uint64    // scan outcome
	findings map[[2]string]uint64 // rule, severity
	records  uint64
	bytes    uint64
	histErrs uint64
	inFlight int
	buckets  []uint64 // cumulative at exposition time; here per bucket
	sum      float64
	count    uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, outcomes: map[string]uint64{}, findings: map[[2]string]uint64{},
		buckets: make([]uint64, len(scanBuckets)+1)}
}

func (m *metrics) request(handler string, code int) {
	m.mu.Lock()
	m.requests[[2]string{handler, strconv.Itoa(code)}]++
	m.mu.Unlock()
}

// Scan outcomes, the values of jiandu_scans_total's outcome label.
const (
	outcomeOK        = "ok"          // 200
	outcomeFileError = "file_error"  // 422: a file yielded no records
	outcomeInvalid   = "bad_request" // 400, 413, 415: the request was refused
	outcomeRejected  = "rejected"    // 429: too many scans at once
	outcomeFailed    = "failed"      // 500
	outcomeCanceled  = "canceled"    // the client went away
)

func (m *metrics) outcome(o string) {
	m.mu.Lock()
	m.outcomes[o]++
	m.mu.Unlock()
}

func (m *metrics) historyError() {
	m.mu.Lock()
	m.histErrs++
	m.mu.Unlock()
}

func (m *metrics) begin() {
	m.mu.Lock()
	m.inFlight++
	m.mu.Unlock()
}

func (m *metrics) end() {
	m.mu.Lock()
	m.inFlight--
	m.mu.Unlock()
}

func (m *metrics) uploaded(n int64) {
	m.mu.Lock()
	m.bytes += uint64(n)
	m.mu.Unlock()
}

// scanned records one completed scan: its duration, records and findings.
func (m *metrics) scanned(d time.Duration, records int, fs []findings.Finding) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sec := d.Seconds()
	i := sort.SearchFloat64s(scanBuckets, sec)
	m.buckets[i]++
	m.sum += sec
	m.count++
	m.records += uint64(records)
	for _, f := range fs {
		m.findings[[2]string{f.Rule, f.Severity}]++
	}
}

func (m *metrics) serve(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	m.write(w)
}

func (m *metrics) write(w io.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mu.Lock()
	defer m.mu.Unlock()
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	head := func(name, typ, help string) { p("# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ) }

	head("jiandu_build_info", "gauge", "The running jiandu's version.")
	p("jiandu_build_info{version=%s} 1\n", quote(version.Version))

	head("jiandu_http_requests_total", "counter", "HTTP requests answered, by endpoint and status code.")
	for _, k := range sortedKeys2(m.requests) {
		p("jiandu_http_requests_total{handler=%s,code=%s} %d\n", quote(k[0]), quote(k[1]), m.requests[k])
	}

	head("jiandu_scans_total", "counter", "POST /v1/scan requests by outcome: ok, file_error (422), bad_request (400/413/415), rejected (429), failed (500), canceled.")
	for _, o := range []string{outcomeOK, outcomeFileError, outcomeInvalid, outcomeRejected, outcomeFailed, outcomeCanceled} {
		p("jiandu_scans_total{outcome=%s} %d\n", quote(o), m.outcomes[o])
	}

	head("jiandu_scans_in_flight", "gauge", "Scans running now (uploads being read included).")
	p("jiandu_scans_in_flight %d\n", m.inFlight)

	head("jiandu_scan_duration_seconds", "histogram", "Time to evaluate an export, from the end of its upload to the result.")
	var cum uint64
	for i, le := range scanBuckets {
		cum += m.buckets[i]
		p("jiandu_scan_duration_seconds_bucket{le=%s} %d\n", quote(strconv.FormatFloat(le, 'g', -1, 64)), cum)
	}
	cum += m.buckets[len(scanBuckets)]
	p("jiandu_scan_duration_seconds_bucket{le=\"+Inf\"} %d\n", cum)
	p("jiandu_scan_duration_seconds_sum %s\n", strconv.FormatFloat(m.sum, 'g', -1, 64))
	p("jiandu_scan_duration_seconds_count %d\n", m.count)

	head("jiandu_scan_records_total", "counter", "Records read by completed scans.")
	p("jiandu_scan_records_total %d\n", m.records)

	head("jiandu_scan_upload_bytes_total", "counter", "Bytes of uploaded export files read.")
	p("jiandu_scan_upload_bytes_total %d\n", m.bytes)

	head("jiandu_findings_total", "counter", "Findings reported by completed scans, by rule and severity.")
	for _, k := range sortedKeys2(m.findings) {
		p("jiandu_findings_total{rule=%s,severity=%s} %d\n", quote(k[0]), quote(k[1]), m.findings[k])
	}

	head("jiandu_history_errors_total", "counter", "Scans that could not be written to the --history file.")
	p("jiandu_history_errors_total %d\n", m.histErrs)

	head("go_goroutines", "gauge", "Goroutines that currently exist.")
	p("go_goroutines %d\n", runtime.NumGoroutine())
	head("go_memstats_heap_alloc_bytes", "gauge", "Bytes of allocated heap objects.")
	p("go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	head("go_memstats_sys_bytes", "gauge", "Bytes of memory obtained from the OS.")
	p("go_memstats_sys_bytes %d\n", ms.Sys)
}

func sortedKeys2(m map[[2]string]uint64) [][2]string {
	ks := make([][2]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if ks[i][0] != ks[j][0] {
			return ks[i][0] < ks[j][0]
		}
		return ks[i][1] < ks[j][1]
	})
	return ks
}

// quote is a label value in the exposition format: backslash, double quote and newline escaped.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
