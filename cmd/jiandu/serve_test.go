package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// served is a `jiandu serve` process of the built binary.
type served struct {
	url  string
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs bytes.Buffer
	done chan error
}

func (s *served) stderr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// serve starts the binary on a free port of 127.0.0.1 and waits for its "listening on" line.
func serve(t *testing.T, args ...string) *served {
	t.Helper()
	s := &served{done: make(chan error, 1)}
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	pipe, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.logs.WriteString(line + "\n")
			s.mu.Unlock()
			if _, rest, ok := strings.Cut(line, "listening on "); ok {
				urls <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
			}
		}
		s.done <- s.cmd.Wait()
	}()
	t.Cleanup(func() { s.cmd.Process.Kill() })
	select {
	case s.url = <-urls:
	case err := <-s.done:
		t.Fatalf("jiandu serve exited: %v\n%s", err, s.stderr())
	case <-time.After(60 * time.Second):
		t.Fatalf("jiandu serve did not start\n%s", s.stderr())
	}
	return s
}

// stop sends SIGTERM and returns the exit status.
func (s *served) stop(t *testing.T) int {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(40 * time.Second):
		t.Fatalf("jiandu serve did not stop on SIGTERM\n%s", s.stderr())
	}
	return s.cmd.ProcessState.ExitCode()
}

func httpDo(t *testing.T, method, url string, body []byte, hdr ...string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// The served API answers what `jiandu scan --format json` prints for the demo, byte for byte; SIGTERM
// stops the server cleanly.
func TestServeAnswersWhatScanPrints(t *testing.T) {
	dir, name := filepath.Join("..", "..", "fixtures", "demo"), "qidong-2023.json"
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		dir, name = "testdata", "broken.json"
	}
	sc := exec.Command(bin, "scan", "--format", "json", "--profile", "qidong-2023", name)
	sc.Dir = dir
	want, err := sc.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("jiandu scan: %v", err)
	}
	body, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}

	s := serve(t, "--profile", "qidong-2023")
	code, got := httpDo(t, "POST", s.url+"/v1/scan?filename="+name, body, "Content-Type", "application/json")
	if code != 200 || !bytes.Equal(got, want) {
		t.Errorf("POST /v1/scan: %d; same bytes as jiandu scan: %v\n got %.400s\nwant %.400s", code, bytes.Equal(got, want), got, want)
	}
	if code, b := httpDo(t, "GET", s.url+"/", nil); code != 200 || !bytes.Contains(b, []byte("报送前自查")) {
		t.Errorf("GET /: %d", code)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit %d after SIGTERM, want 0\n%s", code, s.stderr())
	}
	if !strings.Contains(s.stderr(), "stopped") {
		t.Errorf("no shutdown message:\n%s", s.stderr())
	}
}

func TestServeTokenFileAndHistory(t *testing.T) {
	dir := t.TempDir()
	tokenFile, db := filepath.Join(dir, "token"), filepath.Join(dir, "history.db")
	os.WriteFile(tokenFile, []byte("tok-123\n"), 0o600)
	s := serve(t, "--token-file", tokenFile, "--history", db)
	body, _ := os.ReadFile(filepath.Join("testdata", "broken.json"))
	if code, b := httpDo(t, "POST", s.url+"/v1/scan", body); code != 401 || !bytes.Contains(b, []byte(`"error"`)) {
		t.Errorf("without the token: %d %s", code, b)
	}
	if code, b := httpDo(t, "POST", s.url+"/v1/scan", body, "Authorization", "Bearer tok-123"); code != 200 {
		t.Errorf("with the token: %d %s", code, b)
	}
	if code := s.stop(t); code != 0 {
		t.Fatalf("exit %d\n%s", code, s.stderr())
	}
	r := runJiandu(t, "", "history", "--db", db, "--format", "json")
	var rep struct {
		Scans []struct {
			Findings int    `json:"findings"`
			Label    string `json:"label"`
		} `json:"scans"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Scans) != 1 || rep.Scans[0].Label != "serve" || rep.Scans[0].Findings == 0 {
		t.Errorf("history after one served scan: %v %s %s", err, r.stdout, r.stderr)
	}
}

func TestServeRefusesBadFlags(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "token")
	os.WriteFile(empty, nil, 0o600)
	for _, args := range [][]string{
		{"--token-file", empty},
		{"--token-file", filepath.Join(t.TempDir(), "missing")},
		{"--max-body", "lots"},
		{"--max-scans", "0"},
		{"--profile", "qidong-2032"},
		{"--addr", "127.0.0.1:99999"},
	} {
		r := runJiandu(t, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "jiandu:") {
			t.Errorf("serve %v: exit %d, want 2 with a message\n%s", args, r.code, r.stderr)
		}
	}
}
