package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var bin string

// TestMain builds the real binary once; the tests below run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jiandu-e2e")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "jiandu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type run struct {
	stdout, stderr string
	code           int
}

func runJiandu(t *testing.T, stdin string, args ...string) run {
	t.Helper()
	return runIn(t, "", stdin, args...)
}

// runIn runs the built binary in dir (the test's own when "") with stdin.
func runIn(t *testing.T, dir, stdin string, args ...string) run {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return run{out.String(), errb.String(), code}
}

func findingsOf(t *testing.T, s string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return doc
}

func TestExit0OnACleanExport(t *testing.T) {
	r := runJiandu(t, "", "scan", "--format", "json", "testdata/clean.json")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	doc := findingsOf(t, r.stdout)
	if doc["profile"] != "national" || doc["as_of"] != "2024-03-01T09:00:00+08:00" {
		t.Errorf("profile %v as_of %v: want the header's jurisdiction and generated_at", doc["profile"], doc["as_of"])
	}
	if fs := doc["findings"].([]any); len(fs) != 0 {
		t.Errorf("findings = %v, want none", fs)
	}
}

func TestExit1WithFindingsAndTheMalformedRecordDoesNotHideTheOthers(t *testing.T) {
	r := runJiandu(t, "", "scan", "--format", "json", "testdata/broken.json")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	doc := findingsOf(t, r.stdout)
	got := map[string]bool{}
	for _, f := range doc["findings"].([]any) {
		got[f.(map[string]any)["id"].(string)] = true
	}
	for _, id := range []string{"DATA-01:case:C-2:", "QUAL-04:case:C-1:", "QUAL-01:case:C-3:O-2"} {
		if !got[id] {
			t.Errorf("missing finding %s in %v", id, got)
		}
	}
	for id := range got {
		if strings.Contains(id, ":C-2:") && !strings.HasPrefix(id, "DATA-01") {
			t.Errorf("the malformed record C-2 must be left out of other rules: %s", id)
		}
	}
}

func TestFailOnNeverAndWarning(t *testing.T) {
	if r := runJiandu(t, "", "scan", "--fail-on", "never", "testdata/broken.json"); r.code != 0 {
		t.Errorf("--fail-on never: exit %d, want 0", r.code)
	}
	if r := runJiandu(t, "", "scan", "--fail-on", "bogus", "testdata/broken.json"); r.code != 2 {
		t.Errorf("--fail-on bogus: exit %d, want 2", r.code)
	}
}

func TestExit2OnUnknownProfileNamingTheKnownOnes(t *testing.T) {
	r := runJiandu(t, "", "scan", "--profile", "qidong-2032", "testdata/clean.json")
	if r.code != 2 || !strings.Contains(r.stderr, "qidong-2023") {
		t.Fatalf("exit %d stderr %q: want 2 naming the known profiles", r.code, r.stderr)
	}
}

func TestExit2OnAnUnreadableFileButTheOthersAreStillScanned(t *testing.T) {
	r := runJiandu(t, "", "scan", "--format", "json", "testdata/broken.json", "testdata/no-such-file.json")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2", r.code)
	}
	doc := findingsOf(t, r.stdout)
	if errs := doc["errors"].([]any); len(errs) != 1 || !strings.Contains(errs[0].(map[string]any)["file"].(string), "no-such-file") {
		t.Errorf("errors = %v", errs)
	}
	if len(doc["findings"].([]any)) == 0 {
		t.Error("the readable file's findings must still be printed")
	}
}

func TestStdinAndAsOf(t *testing.T) {
	raw, err := os.ReadFile("testdata/clean.json")
	if err != nil {
		t.Fatal(err)
	}
	r := runJiandu(t, string(raw), "scan", "--as-of", "2024-05-01", "--format", "json", "-")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if doc := findingsOf(t, r.stdout); doc["as_of"] != "2024-05-01T23:59:59+08:00" {
		t.Errorf("as_of = %v, want the end of 2024-05-01", doc["as_of"])
	}
	if r := runJiandu(t, "", "scan", "--as-of", "May 1", "testdata/clean.json"); r.code != 2 {
		t.Errorf("bad --as-of: exit %d, want 2", r.code)
	}
}

func TestJSONIsByteIdenticalAcrossRuns(t *testing.T) {
	a := runJiandu(t, "", "scan", "--format", "json", "testdata/broken.json")
	b := runJiandu(t, "", "scan", "--format", "json", "testdata/broken.json")
	if a.stdout != b.stdout {
		t.Error("two runs over the same input printed different JSON")
	}
}

func TestRulesAndProfiles(t *testing.T) {
	r := runJiandu(t, "", "rules", "--profile", "qidong-2023", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	var rules []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, x := range rules {
		ids[x["id"].(string)] = true
	}
	for _, id := range []string{"QUAL-01", "CASE-02", "TRN-01", "DATA-01"} {
		if !ids[id] {
			t.Errorf("qidong-2023 must turn on %s", id)
		}
	}
	if ids["CASE-03"] {
		t.Error("CASE-03 is ouhai-2024's, not qidong-2023's")
	}
	p := runJiandu(t, "", "profiles")
	if p.code != 0 || !strings.Contains(p.stdout, "qidong-2023") || !strings.Contains(p.stdout, "003_706ab2c6f407d180.txt") {
		t.Errorf("profiles: exit %d\n%s", p.code, p.stdout)
	}
	if v := runJiandu(t, "", "version"); v.code != 0 || !strings.HasPrefix(v.stdout, "jiandu ") {
		t.Errorf("version: %q", v.stdout)
	}
}

func TestHistoryRecordsNightlyScansAndShowsWhatWasResolved(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	if r := runJiandu(t, "", "scan", "--history", db, "testdata/broken.json"); r.code != 1 {
		t.Fatalf("first scan exit %d: %s", r.code, r.stderr)
	}
	if r := runJiandu(t, "", "scan", "--history", db, "testdata/clean.json"); r.code != 0 {
		t.Fatalf("second scan exit %d: %s", r.code, r.stderr)
	}
	r := runJiandu(t, "", "history", "--db", db, "--format", "json")
	if r.code != 0 {
		t.Fatalf("history exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Scans    []map[string]any `json:"scans"`
		New      []string         `json:"new"`
		Resolved []string         `json:"resolved"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Scans) != 2 || len(rep.New) != 0 || len(rep.Resolved) != 4 {
		t.Errorf("history = %+v, want 2 scans, nothing new, 4 resolved", rep)
	}
}

func TestResolvedProfileIsADataDocumentForStockOPA(t *testing.T) {
	r := runJiandu(t, "", "profiles", "--resolved", "qidong-2023", "--as-of", "2024-02-01", "--period", "2023-01-01..2023-12-31")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Jiandu struct {
			Profile struct {
				ID    string   `json:"id"`
				Chain []string `json:"chain"`
			} `json:"profile"`
			Run map[string]any `json:"run"`
		} `json:"jiandu"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Jiandu.Profile.ID != "qidong-2023" || len(doc.Jiandu.Profile.Chain) != 2 || doc.Jiandu.Run["as_of_date"] != "2024-02-01" {
		t.Errorf("resolved = %+v", doc.Jiandu)
	}
}
