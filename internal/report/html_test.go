package report_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/jiandu/jiandu/internal/findings"
)

func TestHTMLIsOneSelfContainedFile(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		out := string(render(t, "html", compared(t), ctxOf(t, lang)))
		for _, bad := range []string{"<link", " src=", "@import", "url(", "http://", "https://", "//cdn"} {
			if strings.Contains(out, bad) {
				i := strings.Index(out, bad)
				t.Errorf("%s: the page refers outside itself (%q at …%s…)", lang, bad, out[max(0, i-60):min(len(out), i+60)])
			}
		}
		for _, want := range []string{"<style>", "<script>", `<svg id="chart-units"`, `<svg id="chart-rules"`, `<svg id="chart-kpis"`, `id="findings-table"`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %s", lang, want)
			}
		}
	}
	if out := string(render(t, "html", demo(t), ctxOf(t, "en"))); !strings.Contains(out, `<html lang="en">`) || !strings.Contains(out, "Findings") || strings.Contains(out, "问题清单") {
		t.Error("--lang en: the page is not in English")
	}
}

// chromium finds Debian's chromium (or another Chrome) for the browser test.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func runChromium(t *testing.T, bin, profile string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestHTMLInChromium opens the demo report in headless Chromium: the DOM after the page's script ran has
// the demo's numbers in the charts, one table row per finding, and the filters and sorting work; then a
// screenshot shows something drawn (JIANDU_SCREENSHOT_DIR keeps it for a human to look at).
func TestHTMLInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("chromium is not installed (apt-get install chromium; .ci/run installs it): the browser check of the HTML report is skipped")
	}
	res := demo(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, render(t, "html", res, ctxOf(t, "zh")), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(page)
	doc := parseDOM(t, runChromium(t, bin, filepath.Join(dir, "profile"), "--dump-dom", url))

	if body := find(doc, func(n *html.Node) bool { return n.Data == "body" }); len(body) != 1 || attr(body[0], "data-ready") != "1" {
		t.Fatal("the page's script did not run (body has no data-ready)")
	}

	// Bar charts: one bar per unit and per rule with the demo's counts, segments adding up.
	unitCounts := map[string]int{}
	for _, f := range res.Findings {
		unitCounts[f.Unit]++
	}
	checkChart(t, doc, "chart-units", unitCounts)
	checkChart(t, doc, "chart-rules", res.Summary.ByRule)

	// KPI chart: the jurisdiction's rates.
	var kpis []findings.KPI
	for _, k := range res.Summary.KPIs {
		if k.Scope == "jurisdiction" {
			kpis = append(kpis, k)
		}
	}
	rows := find(byID(t, doc, "chart-kpis"), hasClass("kpi-row"))
	if len(rows) != len(kpis) {
		t.Fatalf("%d KPI bars, want %d", len(rows), len(kpis))
	}
	for i, g := range rows {
		k := kpis[i]
		if attr(g, "data-kpi") != k.ID || attr(g, "data-count") != strconv.Itoa(k.Numerator)+"/"+strconv.Itoa(k.Denominator) {
			t.Errorf("KPI bar %d: %s %s, want %s %d/%d", i, attr(g, "data-kpi"), attr(g, "data-count"), k.ID, k.Numerator, k.Denominator)
		}
		bar := find(g, hasClass("kpi"))
		w, _ := strconv.ParseFloat(attr(bar[0], "width"), 64)
		if d := w/440 - k.Rate; d > 0.01 || d < -0.01 {
			t.Errorf("KPI %s: bar %.0f px for a rate of %.4f", k.ID, w, k.Rate)
		}
		if (k.Met != nil && !*k.Met) != hasClass("below")(bar[0]) {
			t.Errorf("KPI %s: bar class %q, met %v", k.ID, attr(bar[0], "class"), k.Met)
		}
		if (k.Min != nil) != (len(find(g, hasClass("minline"))) == 1) {
			t.Errorf("KPI %s: minimum marker does not match min %v", k.ID, k.Min)
		}
	}

	// The findings table: one row per finding, in the findings' order, all shown.
	trs := find(byID(t, doc, "findings-table"), hasClass("finding"))
	if len(trs) != len(res.Findings) {
		t.Fatalf("%d table rows for %d findings", len(trs), len(res.Findings))
	}
	for i, tr := range trs {
		if attr(tr, "data-id") != res.Findings[i].ID || hasAttr(tr, "hidden") {
			t.Errorf("row %d: %s (hidden %v), want %s shown", i, attr(tr, "data-id"), hasAttr(tr, "hidden"), res.Findings[i].ID)
		}
	}
	if got, want := text(byID(t, doc, "shown")), "显示 "+strconv.Itoa(len(res.Findings))+" / "+strconv.Itoa(len(res.Findings))+" 项"; got != want {
		t.Errorf("counter %q, want %q", got, want)
	}
	// Every rule with findings has its clause text.
	for rule := range res.Summary.ByRule {
		art := byID(t, doc, "rule-"+rule)
		meta, _ := loadSetup(t).Catalogue.Get(rule)
		for _, src := range meta.Sources {
			if !strings.Contains(text(art), src) {
				t.Errorf("rule %s: the page does not show %q", rule, src)
			}
		}
	}

	// Filtering and sorting in the browser, through a view link.
	doc = parseDOM(t, runChromium(t, bin, filepath.Join(dir, "profile"), "--dump-dom", url+"#unit=U-ZF&sev=error&sort=-rule"))
	want := 0
	for _, f := range res.Findings {
		if f.Unit == "U-ZF" && f.Severity == "error" {
			want++
		}
	}
	shown := 0
	prev := "\uffff"
	for _, tr := range find(byID(t, doc, "findings-table"), hasClass("finding")) {
		visible := !hasAttr(tr, "hidden")
		if visible != (attr(tr, "data-unit") == "U-ZF" && attr(tr, "data-sev") == "error") {
			t.Errorf("row %s: shown %v with the filter unit=U-ZF sev=error", attr(tr, "data-id"), visible)
		}
		if visible {
			shown++
		}
		if r := attr(tr, "data-rule"); r > prev {
			t.Errorf("rows not sorted by rule, descending: %s after %s", r, prev)
		} else {
			prev = r
		}
	}
	if shown != want || attr(byID(t, doc, "shown"), "data-shown") != strconv.Itoa(want) {
		t.Errorf("%d rows shown (counter %s), want %d", shown, attr(byID(t, doc, "shown"), "data-shown"), want)
	}

	// A screenshot: the page draws something (not a blank page).
	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1366,768", "--hide-scrollbars", url)
	raw, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	inked, red := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				inked++
			}
			if r > 0xa000 && g < 0x5000 && bl < 0x5000 {
				red++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	if b.Dx() != 1366 || b.Dy() != 768 || inked < total/20 || red == 0 {
		t.Errorf("screenshot %dx%d: %d of %d sampled pixels inked, %d red: want a drawn page with the red of an unmet KPI", b.Dx(), b.Dy(), inked, total, red)
	}
	if keep := os.Getenv("JIANDU_SCREENSHOT_DIR"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, "jiandu-report.png"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func checkChart(t *testing.T, doc *html.Node, id string, want map[string]int) {
	t.Helper()
	bars := find(byID(t, doc, id), hasClass("bar"))
	if len(bars) != len(want) {
		t.Errorf("%s: %d bars, want %d", id, len(bars), len(want))
	}
	for _, g := range bars {
		key := attr(g, "data-key")
		n, _ := strconv.Atoi(attr(g, "data-value"))
		if n != want[key] {
			t.Errorf("%s: bar %q = %d, want %d", id, key, n, want[key])
		}
		sum := 0
		for _, seg := range find(g, hasClass("seg")) {
			v, _ := strconv.Atoi(attr(seg, "data-value"))
			w, _ := strconv.Atoi(attr(seg, "width"))
			if w <= 0 {
				t.Errorf("%s: bar %q has an empty segment", id, key)
			}
			sum += v
		}
		if sum != n {
			t.Errorf("%s: bar %q segments add up to %d, want %d", id, key, sum, n)
		}
		if label := text(find(g, hasClass("value"))[0]); label != strconv.Itoa(n) {
			t.Errorf("%s: bar %q is labelled %q, want %d", id, key, label, n)
		}
	}
}

func parseDOM(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byID(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	ns := find(doc, func(n *html.Node) bool { return attr(n, "id") == id })
	if len(ns) != 1 {
		t.Fatalf("%d elements with id %q", len(ns), id)
	}
	return ns[0]
}

func hasClass(c string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, x := range strings.Fields(attr(n, "class")) {
			if x == c {
				return true
			}
		}
		return false
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

var spaces = regexp.MustCompile(`\s+`)

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(spaces.ReplaceAllString(b.String(), " "))
}
