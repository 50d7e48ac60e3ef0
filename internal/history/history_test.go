package history

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jiandu/jiandu/internal/findings"
)

func result(ids ...string) *findings.Result {
	r := &findings.Result{Tool: findings.Tool{Name: "jiandu", Version: "test"}, Profile: "qidong-2023", AsOf: "2024-01-10T09:00:00+08:00"}
	for _, id := range ids {
		unit := "U-1"
		if id[0] == 'B' {
			unit = "U-2"
		}
		r.Findings = append(r.Findings, findings.Finding{ID: id, Rule: id[:len(id)-2], Severity: "error", Kind: "case", Record: id, Unit: unit, Message: "m " + id})
	}
	r.Summarize(100)
	return r
}

func TestTrendsAndNewAndResolved(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := time.Date(2024, 1, 10, 1, 0, 0, 0, time.UTC)
	if _, err := db.Record(ctx, result("A-1", "A-2", "B-1"), "night 1", day); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Record(ctx, result("A-2", "B-1", "B-2"), "night 2", day.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	rep, err := db.Report(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Scans) != 2 || rep.Jurisdiction != "qidong-2023" {
		t.Fatalf("scans = %+v", rep.Scans)
	}
	if fmt.Sprint(rep.New) != "[B-2]" || fmt.Sprint(rep.Resolved) != "[A-1]" {
		t.Errorf("new %v resolved %v, want [B-2] and [A-1]", rep.New, rep.Resolved)
	}
	want := fmt.Sprint([]Count{{1, "U-1", 2}, {1, "U-2", 1}, {2, "U-1", 1}, {2, "U-2", 2}})
	if got := fmt.Sprint(rep.ByUnit); got != want {
		t.Errorf("by unit = %s, want %s", got, want)
	}
	u, err := db.Report(ctx, Filter{Unit: "U-1"})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(u.New) != "[]" || fmt.Sprint(u.Resolved) != "[A-1]" {
		t.Errorf("unit U-1: new %v resolved %v", u.New, u.Resolved)
	}
	s, err := db.Report(ctx, Filter{Since: "2024-01-11"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Scans) != 1 {
		t.Errorf("--since must drop the first night: %+v", s.Scans)
	}
}

// TestConcurrentWritersDoNotCorruptTheFile runs several writer processes against one file at once,
// as nightly jobs of several counties would.
func TestConcurrentWritersDoNotCorruptTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	const writers, each = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
			cmd.Env = append(os.Environ(), "JIANDU_HISTORY_WRITER="+path, "JIANDU_HISTORY_N="+strconv.Itoa(each))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("writer %d: %v\n%s", w, err, out)
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var scans, rows int
	var check string
	db.db.QueryRow(`SELECT COUNT(*) FROM scans`).Scan(&scans)
	db.db.QueryRow(`SELECT COUNT(*) FROM findings`).Scan(&rows)
	db.db.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	if scans != writers*each || rows != writers*each*50 || check != "ok" {
		t.Errorf("scans %d findings %d integrity %q, want %d, %d, ok", scans, rows, check, writers*each, writers*each*50)
	}
}

// TestHelperWriter is a writer process for the test above; it does nothing in a normal run.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("JIANDU_HISTORY_WRITER")
	if path == "" {
		t.Skip("only run as a writer process")
	}
	n, _ := strconv.Atoi(os.Getenv("JIANDU_HISTORY_N"))
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	for i := 0; i < 50; i++ {
		ids = append(ids, fmt.Sprintf("A-%02d", i))
	}
	for i := 0; i < n; i++ {
		if _, err := db.Record(context.Background(), result(ids...), "", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}
