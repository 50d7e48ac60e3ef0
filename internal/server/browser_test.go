package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/report"
	"github.com/jiandu/jiandu/internal/scan"
)

// browserFiles is what a clerk would drop on the page: the demo workbook when this build reads XLSX and
// the demo has one, else the demo JSON (else the small sample).
func browserFiles(t *testing.T) []string {
	if _, ok := records.Extensions[".xlsx"]; ok {
		if m, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "demo", "qidong-2023*.xlsx")); len(m) > 0 {
			return m[:1]
		}
	}
	return []string{demo(t)}
}

// TestBrowser runs the page in Debian's headless Chromium with playwright-core (browsertest/run.mjs):
// it uploads the demo export by drag and drop, checks the counts shown against the scan, downloads the
// 整改清单 and the HTML report, and saves screenshots at 1366×768 (in $JIANDU_BROWSER_OUT when set).
func TestBrowser(t *testing.T) {
	chromium := os.Getenv("JIANDU_CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	if chromium == "" {
		t.Skip("no chromium: install Debian's package (apt-get install -y chromium) or set JIANDU_CHROMIUM")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node: install Node.js to run the browser test")
	}
	if _, err := os.Stat(filepath.Join("browsertest", "node_modules", "playwright-core")); err != nil {
		t.Skip("no playwright-core: run `npm ci --prefix internal/server/browsertest`")
	}

	files := browserFiles(t)
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = abs
	}
	res := result(t, expected(t, scan.Options{Profile: "qidong-2023"}, files...))
	exp := map[string]any{"findings": len(res.Findings), "records": res.Summary.Records, "kpis": len(res.Summary.KPIs)}
	bySev := map[string]int{}
	units := map[string]int{}
	rules := map[string]int{}
	for _, f := range res.Findings {
		bySev[f.Severity]++
		units[f.Unit]++
		rules[f.Unit+"|"+f.Rule]++
	}
	for _, s := range []string{"error", "warning", "info"} {
		exp[s] = bySev[s]
	}
	// the page shows up to 200 rows per rule and unit before a "show more" button
	rows, rowsNoErr, cells := 0, 0, 0
	shown := map[string]int{}
	for _, f := range res.Findings {
		k := f.Unit + "|" + f.Rule
		if shown[k] < 200 {
			rows++
			if f.Location != nil && f.Location.Cell != "" {
				cells++
			}
		}
		shown[k]++
	}
	shownNoErr := map[string]int{}
	for _, f := range res.Findings {
		k := f.Unit + "|" + f.Rule
		if f.Severity != "error" && shownNoErr[k] < 200 {
			rowsNoErr++
			shownNoErr[k]++
		}
	}
	exp["units"], exp["rules"], exp["rows"], exp["rowsWithoutErrors"], exp["cells"] = units, rules, rows, rowsNoErr, cells

	// a clerk's workbook as a second upload, when this build reads XLSX
	var workbook map[string]any
	if _, ok := records.Extensions[".xlsx"]; ok {
		book := filepath.Join(t.TempDir(), "汇龙镇导出.xlsx")
		writeWorkbook(t, book)
		wres := result(t, expected(t, scan.Options{}, book))
		var cells, texts []string
		for _, f := range wres.Findings {
			if f.Location != nil && f.Location.Cell != "" {
				cells = append(cells, f.Location.Cell)
				if f.Rule == "DATA-01" {
					texts = append(texts, fmt.Sprintf("工作表“%s” 第 %d 行 %s 列", f.Location.Sheet, f.Location.Row, f.Location.Column))
				}
			}
		}
		if len(texts) == 0 {
			t.Fatal("the workbook should give a DATA-01 finding with a cell")
		}
		workbook = map[string]any{"files": []string{book}, "findings": len(wres.Findings), "cells": cells, "texts": texts}
	}

	out := os.Getenv("JIANDU_BROWSER_OUT")
	if out == "" {
		out = t.TempDir()
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	out, _ = filepath.Abs(out)
	_, ts := start(t, Config{MaxScans: 4})
	cfg, _ := json.Marshal(map[string]any{
		"url": ts.URL + "/", "chromium": chromium, "files": files, "profile": "qidong-2023", "out": out,
		"formats": report.Names(), "expect": exp, "workbook": workbook,
	})
	cfgFile := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(cfgFile, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "run.mjs", cfgFile)
	cmd.Dir = "browsertest"
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // a fresh home for chromium's leftovers
	outb, err := cmd.Output()
	var seen struct {
		Shown     map[string]any `json:"shown"`
		Downloads map[string]any `json:"downloads"`
		Problems  []string       `json:"problems"`
		Shots     []string       `json:"screenshots"`
		Workbook  map[string]any `json:"workbook"`
	}
	if jerr := json.Unmarshal(outb, &seen); jerr != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("browser run: %v %v\n%s\n%s", err, jerr, outb, stderr)
	}
	for _, p := range seen.Problems {
		t.Error(p)
	}
	t.Logf("files %s; the page showed %v; downloads %v; workbook %v; screenshots %s", strings.Join(files, ", "), seen.Shown,
		seen.Downloads, seen.Workbook, strings.Join(seen.Shots, ", "))
}
