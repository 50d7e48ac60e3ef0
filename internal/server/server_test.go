package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/report"
	"github.com/jiandu/jiandu/internal/scan"
)

var (
	setupOnce sync.Once
	setup     *scan.Setup
	setupErr  error
)

// testSetup loads the built-in policies once for every test of the package.
func testSetup(t testing.TB) *scan.Setup {
	t.Helper()
	setupOnce.Do(func() { setup, setupErr = scan.Load(jiandu.Policies()) })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return setup
}

// start runs a server with cfg (Setup filled in) on 127.0.0.1.
func start(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	cfg.Setup = testSetup(t)
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

const sample = "testdata/sample.json"

// demo is the bundled demo export when it is there, else the small sample.
func demo(t testing.TB) string {
	t.Helper()
	p := filepath.Join("..", "..", "fixtures", "demo", "qidong-2023.json")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return sample
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type answer struct {
	code   int
	header http.Header
	body   []byte
}

func (a answer) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.body, &m); err != nil {
		t.Fatalf("HTTP %d body is not a JSON object: %v\n%s", a.code, err, a.body)
	}
	return m
}

// errorOf checks an error answer: the status, a JSON body with a non-empty "error".
func (a answer) errorOf(t testing.TB, code int) string {
	t.Helper()
	if a.code != code {
		t.Fatalf("HTTP %d, want %d\n%s", a.code, code, a.body)
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	msg, _ := a.json(t)["error"].(string)
	if msg == "" {
		t.Fatalf("no error message in %s", a.body)
	}
	return msg
}

func do(t testing.TB, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, b}
}

func get(t testing.TB, url string, hdr ...string) answer {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, req)
}

func post(t testing.TB, url, contentType string, body []byte, hdr ...string) answer {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, req)
}

type part struct {
	field, name string
	body        []byte
}

// multipartBody builds a multipart/form-data body of file parts (name set) and fields (name empty).
func multipartBody(t testing.TB, parts ...part) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.name != "" {
			w, err = mw.CreateFormFile(p.field, p.name)
		} else {
			w, err = mw.CreateFormField(p.field)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.body)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// expected is what `jiandu scan --format json` prints for the files, run as `cd DIR && jiandu scan
// NAME...` (the server labels uploads by their base names), with the same engine in process.
func expected(t testing.TB, o scan.Options, files ...string) []byte {
	t.Helper()
	dir := filepath.Dir(files[0])
	for _, f := range files {
		if filepath.Dir(f) != dir {
			t.Fatal("expected: the files must share a folder")
		}
		o.Paths = append(o.Paths, filepath.Base(f))
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	res, err := testSetup(t).Run(context.Background(), o)
	if cerr := os.Chdir(wd); cerr != nil {
		t.Fatal(cerr)
	}
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (report.JSON{}).Write(&buf, res, report.Context{Catalogue: testSetup(t).Catalogue}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func result(t testing.TB, b []byte) *findings.Result {
	t.Helper()
	var r findings.Result
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("not a findings document: %v\n%s", err, b)
	}
	return &r
}

func TestHealthzInfoAndPage(t *testing.T) {
	_, ts := start(t, Config{Profile: "qidong-2023", Token: "s3cret"})
	a := get(t, ts.URL+"/healthz")
	if a.code != 200 || a.json(t)["status"] != "ok" {
		t.Fatalf("/healthz: %d %s", a.code, a.body)
	}
	a = get(t, ts.URL+"/v1/info")
	if a.code != 200 {
		t.Fatalf("/v1/info: %d %s", a.code, a.body)
	}
	var info Info
	json.Unmarshal(a.body, &info)
	if info.DefaultProfile != "qidong-2023" || !info.AuthRequired || info.MaxBody != DefaultMaxBody ||
		len(info.Formats) == 0 || len(info.Extensions) == 0 {
		t.Errorf("info = %+v", info)
	}
	for path, want := range map[string]string{"/": "text/html", "/app.js": "text/javascript", "/app.css": "text/css"} {
		a := get(t, ts.URL+path)
		if a.code != 200 || !strings.HasPrefix(a.header.Get("Content-Type"), want) {
			t.Errorf("%s: %d %s", path, a.code, a.header.Get("Content-Type"))
		}
		if csp := a.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
	}
	if a := get(t, ts.URL+"/"); !bytes.Contains(a.body, []byte("报送前自查")) || bytes.Contains(a.body, []byte("http://")) ||
		bytes.Contains(a.body, []byte("https://")) {
		t.Errorf("the page must be Chinese first and load nothing from the network")
	}
}

func TestNotFoundAndWrongMethod(t *testing.T) {
	_, ts := start(t, Config{})
	get(t, ts.URL+"/nope").errorOf(t, 404)
	get(t, ts.URL+"/page/index.html").errorOf(t, 404)
	get(t, ts.URL+"/../../etc/passwd").errorOf(t, 404)
	a := get(t, ts.URL+"/v1/scan")
	a.errorOf(t, 405)
	if a.header.Get("Allow") != "POST" {
		t.Errorf("Allow %q", a.header.Get("Allow"))
	}
	post(t, ts.URL+"/v1/rules", "application/json", []byte("{}")).errorOf(t, 405)
	post(t, ts.URL+"/", "application/json", []byte("{}")).errorOf(t, 405)
}

func TestProfilesAndRules(t *testing.T) {
	_, ts := start(t, Config{})
	set := testSetup(t)
	var profs []profileRow
	a := get(t, ts.URL+"/v1/profiles")
	if err := json.Unmarshal(a.body, &profs); err != nil || a.code != 200 {
		t.Fatalf("/v1/profiles: %d %v %s", a.code, err, a.body)
	}
	if len(profs) != len(set.Profiles.IDs()) || profs[0].ID != "national" {
		t.Errorf("profiles %v, want %v", profs, set.Profiles.IDs())
	}
	var rules []map[string]any
	a = get(t, ts.URL+"/v1/rules")
	if err := json.Unmarshal(a.body, &rules); err != nil || a.code != 200 {
		t.Fatalf("/v1/rules: %d %v", a.code, err)
	}
	if len(rules) != len(set.Catalogue.Rules()) || rules[0]["sources"] == nil || rules[0]["title_en"] == nil {
		t.Errorf("%d rules, want %d with sources and titles", len(rules), len(set.Catalogue.Rules()))
	}
	a = get(t, ts.URL+"/v1/rules?profile=qidong-2023")
	json.Unmarshal(a.body, &rules)
	prof, _ := set.Profiles.Resolve("qidong-2023")
	if len(rules) != len(prof.On()) {
		t.Errorf("%d rules under qidong-2023, want %d", len(rules), len(prof.On()))
	}
	for _, r := range rules {
		if r["parameters"] == nil && len(prof.Params[r["id"].(string)]) > 0 {
			t.Errorf("%v has no parameters", r["id"])
		}
	}
	msg := get(t, ts.URL+"/v1/rules?profile=qidong-2032").errorOf(t, 400)
	if !strings.Contains(msg, "qidong-2023") {
		t.Errorf("the message should name the known profiles: %s", msg)
	}
}

// The API answers what `jiandu scan --format json` prints, byte for byte, whether the export comes as
// the body or as a multipart upload (the command line itself is compared in cmd/jiandu's serve test).
func TestScanMatchesTheCommandLine(t *testing.T) {
	_, ts := start(t, Config{})
	file := demo(t)
	want := expected(t, scan.Options{Profile: "qidong-2023"}, file)
	base := filepath.Base(file)

	a := post(t, ts.URL+"/v1/scan?profile=qidong-2023&filename="+base, "application/json", read(t, file))
	if a.code != 200 {
		t.Fatalf("raw body: %d %s", a.code, a.body)
	}
	if !bytes.Equal(a.body, want) {
		t.Errorf("raw body: the API's findings differ from the scan's\n got %.600s\nwant %.600s", a.body, want)
	}
	res := result(t, a.body)
	if len(res.Findings) == 0 {
		t.Fatal("the demo should have findings")
	}
	if a.header.Get("X-Jiandu-Findings") != fmt.Sprint(len(res.Findings)) || a.header.Get("X-Jiandu-Worst") != "error" {
		t.Errorf("headers %v", a.header)
	}

	ct, body := multipartBody(t, part{"profile", "", []byte("qidong-2023")}, part{"file", base, read(t, file)})
	a = post(t, ts.URL+"/v1/scan", ct, body)
	if a.code != 200 || !bytes.Equal(a.body, want) {
		t.Errorf("multipart: %d, same as scan: %v", a.code, bytes.Equal(a.body, want))
	}

	// without a profile the header's jurisdiction decides, as on the command line
	a = post(t, ts.URL+"/v1/scan?filename="+base, "", read(t, file))
	if a.code != 200 || result(t, a.body).Profile != "qidong-2023" {
		t.Errorf("profile from the header: %d %s", a.code, a.body[:min(len(a.body), 300)])
	}
}

func TestScanSeveralFilesAreOneExport(t *testing.T) {
	_, ts := start(t, Config{})
	// the sample split in two files: the header and units in one, everything else in the other
	var doc map[string]any
	json.Unmarshal(read(t, sample), &doc)
	a, b := map[string]any{"export": doc["export"], "units": doc["units"]}, map[string]any{}
	for k, v := range doc {
		if k != "export" && k != "units" {
			b[k] = v
		}
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "units.json"), ja, 0o600)
	os.WriteFile(filepath.Join(dir, "records.json"), jb, 0o600)
	want := expected(t, scan.Options{}, filepath.Join(dir, "units.json"), filepath.Join(dir, "records.json"))
	ct, body := multipartBody(t, part{"file", "units.json", ja}, part{"file", "records.json", jb})
	got := post(t, ts.URL+"/v1/scan", ct, body)
	if got.code != 200 || !bytes.Equal(got.body, want) {
		t.Fatalf("%d; same as scan of both files: %v\n%s", got.code, bytes.Equal(got.body, want), got.body)
	}
	if n := len(result(t, got.body).Findings); n == 0 {
		t.Error("no findings")
	}
}

func TestScanUnitKeepsOneUnit(t *testing.T) {
	_, ts := start(t, Config{})
	a := post(t, ts.URL+"/v1/scan?unit=U-HL&filename=sample.json", "application/json", read(t, sample))
	res := result(t, a.body)
	if a.code != 200 || len(res.Findings) == 0 {
		t.Fatalf("%d %d findings", a.code, len(res.Findings))
	}
	for _, f := range res.Findings {
		if f.Unit != "U-HL" {
			t.Errorf("finding of unit %q with unit=U-HL", f.Unit)
		}
	}
	want := expected(t, scan.Options{Units: []string{"U-HL"}}, sample)
	if !bytes.Equal(a.body, want) {
		t.Error("unit=U-HL differs from scan --unit U-HL")
	}
}

func TestScanFormats(t *testing.T) {
	_, ts := start(t, Config{})
	for _, f := range report.Names() {
		a := post(t, ts.URL+"/v1/scan?format="+f, "application/json", read(t, sample))
		if a.code != 200 || len(a.body) == 0 {
			t.Errorf("format %s: %d %s", f, a.code, a.body)
			continue
		}
		ct, ext, attach := contentType(f)
		if a.header.Get("Content-Type") != ct {
			t.Errorf("format %s: Content-Type %q, want %q", f, a.header.Get("Content-Type"), ct)
		}
		if cd := a.header.Get("Content-Disposition"); attach != strings.Contains(cd, "attachment") || attach && !strings.Contains(cd, ext) {
			t.Errorf("format %s: Content-Disposition %q", f, cd)
		}
		if f == "xlsx" && !bytes.HasPrefix(a.body, []byte("PK\x03\x04")) {
			t.Errorf("the xlsx 整改清单 is not a zip")
		}
		if f == "html" && !bytes.Contains(a.body, []byte("<html")) {
			t.Errorf("the html report is not HTML")
		}
	}
	a := post(t, ts.URL+"/v1/scan?format=pdf", "application/json", read(t, sample))
	if msg := a.errorOf(t, 400); !strings.Contains(msg, "json") {
		t.Errorf("the message should list the formats: %s", msg)
	}
}

func TestScanRefusesBadParameters(t *testing.T) {
	_, ts := start(t, Config{})
	body := read(t, sample)
	for q, want := range map[string]string{
		"profile=qidong-2032":   "unknown profile",
		"as_of=2024-13-45":      "as_of",
		"lang=fr":               "zh or en",
		"as-of=2024-01-10":      "unknown parameter",
		"record=maybe":          "true or false",
		"format=json&format=no": "format",
	} {
		msg := post(t, ts.URL+"/v1/scan?"+q, "application/json", body).errorOf(t, 400)
		if !strings.Contains(msg, want) {
			t.Errorf("%s: %q does not say %q", q, msg, want)
		}
	}
	// the same checks apply to form fields
	ct, mp := multipartBody(t, part{"profile", "", []byte("nope")}, part{"file", "x.json", body})
	post(t, ts.URL+"/v1/scan", ct, mp).errorOf(t, 400)
	ct, mp = multipartBody(t, part{"colour", "", []byte("red")}, part{"file", "x.json", body})
	post(t, ts.URL+"/v1/scan", ct, mp).errorOf(t, 400)

	// a header that names no jurisdiction and no profile given: the scan's own usage error, in API words
	msg := post(t, ts.URL+"/v1/scan", "application/json", []byte(`{"units": [{"id": "U-1", "type": "department"}]}`)).errorOf(t, 400)
	if !strings.Contains(msg, "profile parameter") {
		t.Errorf("no profile: %s", msg)
	}
	post(t, ts.URL+"/v1/scan", "application/json", nil).errorOf(t, 400)
	post(t, ts.URL+"/v1/scan", "text/csv", []byte("id,type\nU-1,department\n")).errorOf(t, 400)
	ct, mp = multipartBody(t, part{"profile", "", []byte("national")})
	post(t, ts.URL+"/v1/scan", ct, mp).errorOf(t, 400)
	ct, mp = multipartBody(t, part{"file", "a.json", body}, part{"file", "sub/a.json", body})
	if msg := post(t, ts.URL+"/v1/scan", ct, mp).errorOf(t, 400); !strings.Contains(msg, "a.json") {
		t.Errorf("two files of one name: %s", msg)
	}
}

func TestScanTooLarge(t *testing.T) {
	_, ts := start(t, Config{MaxBody: 4 << 10})
	big := bytes.Repeat([]byte(" "), 5<<10)
	// announced by Content-Length: refused before reading
	if msg := post(t, ts.URL+"/v1/scan", "application/json", big).errorOf(t, 413); !strings.Contains(msg, "4KB") {
		t.Errorf("the message should say the limit: %s", msg)
	}
	// chunked, no length: refused once the limit is read
	req, _ := http.NewRequest("POST", ts.URL+"/v1/scan", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	do(t, req).errorOf(t, 413)
	// multipart
	ct, mp := multipartBody(t, part{"file", "big.json", big})
	post(t, ts.URL+"/v1/scan", ct, mp).errorOf(t, 413)
	// under the limit is fine
	if a := post(t, ts.URL+"/v1/scan?profile=national", "application/json", []byte(`{"units": []}`)); a.code == 413 {
		t.Errorf("a small body was refused: %s", a.body)
	}
}

func TestAuth(t *testing.T) {
	_, ts := start(t, Config{Token: "s3cret-token"})
	body := read(t, sample)
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "s3cret-token"},
		{"Authorization", "Basic czNjcmV0LXRva2Vu"}, {"Authorization", "Bearer s3cret-token-and-more"}} {
		a := post(t, ts.URL+"/v1/scan", "application/json", body, hdr...)
		a.errorOf(t, 401)
		if !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("no WWW-Authenticate: %v", a.header)
		}
	}
	for _, p := range []string{"/v1/rules", "/v1/profiles", "/metrics"} {
		get(t, ts.URL+p).errorOf(t, 401)
		if a := get(t, ts.URL+p, "Authorization", "Bearer s3cret-token"); a.code != 200 {
			t.Errorf("%s with the token: %d", p, a.code)
		}
	}
	if a := post(t, ts.URL+"/v1/scan", "application/json", body, "Authorization", "bearer  s3cret-token "); a.code != 200 {
		t.Errorf("with the token: %d %s", a.code, a.body)
	}
	for _, p := range []string{"/healthz", "/v1/info", "/", "/app.js"} {
		if a := get(t, ts.URL+p); a.code != 200 {
			t.Errorf("%s needs no token: %d", p, a.code)
		}
	}
}

// A file that yields no records is the scan's exit status 2: the API answers 422 with what to fix in
// that file and the findings of the files that did load.
func TestScanFileErrorsAre422(t *testing.T) {
	_, ts := start(t, Config{})
	good := read(t, sample)
	for name, content := range map[string][]byte{
		"broken.xlsx":    []byte("PK\x03\x04 this is no workbook"),
		"truncated.json": []byte(`{"export": {"jurisdiction": "qidong-2023"`),
		"empty.json":     {},
		"notes.txt":      []byte("会议纪要"),
	} {
		ct, mp := multipartBody(t, part{"file", "sample.json", good}, part{"file", name, content})
		a := post(t, ts.URL+"/v1/scan?format=xlsx", ct, mp)
		msg := a.errorOf(t, 422)
		var body struct {
			Errors []struct{ File, Message string }
			Result *findings.Result
		}
		json.Unmarshal(a.body, &body)
		if len(body.Errors) != 1 || body.Errors[0].File != name || body.Errors[0].Message == "" || !strings.Contains(msg, name) {
			t.Errorf("%s: errors %+v, message %q", name, body.Errors, msg)
		}
		if body.Result == nil || len(body.Result.Findings) == 0 || len(body.Result.Errors) != 1 {
			t.Errorf("%s: the findings of the good file are missing", name)
		}
	}
	// alone, a malformed workbook is still 422 (nothing to report but the error)
	a := post(t, ts.URL+"/v1/scan?profile=qidong-2023&filename=export.xlsx", "", []byte("PK\x03\x04\x00\x00garbage"))
	a.errorOf(t, 422)
}

// Uploads go to a private temporary folder that is removed after every request, whatever happened.
func TestUploadsAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	_, ts := start(t, Config{MaxBody: 64 << 10})
	body := read(t, sample)
	post(t, ts.URL+"/v1/scan", "application/json", body)
	ct, mp := multipartBody(t, part{"file", "../../../../etc/evil.json", body}, part{"file", "bad.json", []byte("{")})
	a := post(t, ts.URL+"/v1/scan", ct, mp)
	a.errorOf(t, 422)
	if !bytes.Contains(a.body, []byte(`"file": "evil.json"`)) || bytes.Contains(a.body, []byte("etc/")) {
		t.Errorf("the upload's name should be its base name only:\n%.800s", a.body)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/v1/scan", io.MultiReader(bytes.NewReader(body), bytes.NewReader(bytes.Repeat([]byte(" "), 64<<10))))
	req.ContentLength = -1
	do(t, req).errorOf(t, 413)
	left, _ := os.ReadDir(tmp)
	if len(left) != 0 {
		t.Errorf("left behind in the temporary folder: %v", left)
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"export.json":                      "export.json",
		"../../etc/passwd":                 "passwd",
		`C:\Users\clerk\案件.xlsx`:           "案件.xlsx",
		"/":                                "upload-1",
		"..":                               "upload-1",
		"":                                 "upload-1",
		"a\x00b\nc.csv":                    "abc.csv",
		strings.Repeat("长", 100) + ".xlsx": strings.Repeat("长", 65) + ".xlsx",
	} {
		if got := cleanName(in, 0); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100MB": 100 << 20, "1gb": 1 << 30, "512 KiB": 512 << 10, "1048576": 1 << 20, "2M": 2 << 20} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-5MB", "ten MB", "1TB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) should fail", in)
		}
	}
}

// Past --max-scans, a scan is refused at once with 429 and Retry-After.
func TestTooManyScans(t *testing.T) {
	s, ts := start(t, Config{MaxScans: 2})
	body := read(t, sample)
	// two uploads that hold their slots until their bodies are finished
	var writers []*io.PipeWriter
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range 2 {
		pr, pw := io.Pipe()
		writers = append(writers, pw)
		req, _ := http.NewRequest("POST", ts.URL+"/v1/scan", pr)
		req.Header.Set("Content-Type", "application/json")
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			codes[i] = resp.StatusCode
		}()
		pw.Write(body[:10])
	}
	waitFor(t, func() bool { return len(s.slots) == 2 })
	a := post(t, ts.URL+"/v1/scan", "application/json", body)
	a.errorOf(t, 429)
	if a.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	for _, pw := range writers {
		pw.Write(body[10:])
		pw.Close()
	}
	wg.Wait()
	if codes[0] != 200 || codes[1] != 200 {
		t.Errorf("the scans that held the slots: %v", codes)
	}
	// the slots are free again
	if a := post(t, ts.URL+"/v1/scan", "application/json", body); a.code != 200 {
		t.Errorf("after the others: %d", a.code)
	}
	m := string(get(t, ts.URL+"/metrics").body)
	if !strings.Contains(m, `jiandu_scans_total{outcome="rejected"} 1`) || !strings.Contains(m, `jiandu_scans_total{outcome="ok"} 3`) {
		t.Errorf("metrics:\n%s", m)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("timed out")
}

// Many scans at once share the policy tree: run under -race, they must not interfere.
func TestConcurrentScansAgree(t *testing.T) {
	_, ts := start(t, Config{MaxScans: 8})
	body := read(t, sample)
	want := expected(t, scan.Options{}, sample)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", ts.URL+"/v1/scan?filename=sample.json", bytes.NewReader(body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Equal(got, want) {
				t.Errorf("concurrent scan: %d, same findings: %v", resp.StatusCode, bytes.Equal(got, want))
			}
		}()
	}
	wg.Wait()
}

var metricLine = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+Inf]+$`)

func TestMetrics(t *testing.T) {
	_, ts := start(t, Config{})
	post(t, ts.URL+"/v1/scan", "application/json", read(t, sample))
	post(t, ts.URL+"/v1/scan?format=nope", "application/json", nil)
	a := get(t, ts.URL+"/metrics")
	if a.code != 200 || !strings.HasPrefix(a.header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("%d %s", a.code, a.header.Get("Content-Type"))
	}
	text := string(a.body)
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if !strings.HasPrefix(line, "#") && !metricLine.MatchString(line) {
			t.Errorf("not exposition format: %q", line)
		}
	}
	for _, want := range []string{
		`jiandu_http_requests_total{handler="scan",code="200"} 1`,
		`jiandu_http_requests_total{handler="scan",code="400"} 1`,
		`jiandu_scans_total{outcome="ok"} 1`,
		`jiandu_scans_total{outcome="bad_request"} 1`,
		`jiandu_scan_duration_seconds_count 1`,
		`jiandu_scan_duration_seconds_bucket{le="+Inf"} 1`,
		`jiandu_scan_records_total 10`,
		`jiandu_findings_total{rule="RPT-01",severity="error"}`,
		`jiandu_findings_total{rule="DATA-01",severity="error"} 1`,
		`jiandu_scans_in_flight 0`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

type fakeHistory struct {
	mu     sync.Mutex
	labels []string
}

func (f *fakeHistory) Record(_ context.Context, r *findings.Result, label string, _ time.Time) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.labels = append(f.labels, fmt.Sprintf("%s %d %s", r.Profile, len(r.Findings), label))
	return int64(len(f.labels)), nil
}

func TestHistoryRecordsEachScan(t *testing.T) {
	h := &fakeHistory{}
	_, ts := start(t, Config{History: h})
	body := read(t, sample)
	post(t, ts.URL+"/v1/scan", "application/json", body)
	post(t, ts.URL+"/v1/scan?unit=U-HL", "application/json", body)
	post(t, ts.URL+"/v1/scan?record=false&format=table", "application/json", body)
	want := []string{"qidong-2023 42 serve", "qidong-2023 17 serve unit=U-HL"}
	if fmt.Sprint(h.labels) != fmt.Sprint(want) {
		t.Errorf("recorded %q, want %q", h.labels, want)
	}
}

// A client that stops sending its upload is cut off by the read timeout.
func TestReadTimeout(t *testing.T) {
	s, err := New(Config{Setup: testSetup(t), ReadTimeout: 300 * time.Millisecond, WriteTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := s.HTTPServer(ln.Addr().String())
	go hs.Serve(ln)
	defer hs.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"units\":")
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	got, _ := io.ReadAll(conn)
	if time.Since(start) > 3*time.Second {
		t.Errorf("the stalled upload was held %v", time.Since(start))
	}
	if len(got) > 0 && !bytes.Contains(got, []byte("400")) {
		t.Errorf("answer to a stalled upload: %s", got)
	}
}

func TestNewChecksTheDefaultProfile(t *testing.T) {
	if _, err := New(Config{Setup: testSetup(t), Profile: "qidong-2032"}); err == nil || !strings.Contains(err.Error(), "qidong-2023") {
		t.Errorf("err = %v", err)
	}
}

// docs/openapi.yaml describes every route and every parameter of POST /v1/scan, no more.
func TestOpenAPIMatchesTheRoutes(t *testing.T) {
	var doc struct {
		Paths      map[string]map[string]any `yaml:"paths"`
		Components struct {
			Parameters map[string]struct {
				Name string `yaml:"name"`
			} `yaml:"parameters"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(read(t, filepath.Join("..", "..", "docs", "openapi.yaml")), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"/v1/scan": "post", "/v1/rules": "get", "/v1/profiles": "get", "/v1/info": "get", "/healthz": "get", "/metrics": "get"}
	if len(doc.Paths) != len(want) {
		t.Errorf("openapi paths %v, want %v", doc.Paths, want)
	}
	for p, m := range want {
		if _, ok := doc.Paths[p][m]; !ok {
			t.Errorf("openapi.yaml lacks %s %s", strings.ToUpper(m), p)
		}
	}
	var names []string
	for _, p := range doc.Components.Parameters {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	ps := append([]string(nil), paramNames...)
	sort.Strings(ps)
	if fmt.Sprint(names) != fmt.Sprint(ps) {
		t.Errorf("openapi.yaml parameters %v, the server takes %v", names, ps)
	}
}
