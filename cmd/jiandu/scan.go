package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/jiandu/jiandu/internal/baseline"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/history"
	"github.com/jiandu/jiandu/internal/report"
	"github.com/jiandu/jiandu/internal/scan"
	"github.com/jiandu/jiandu/internal/waiver"
)

func scanCmd() *cobra.Command {
	var (
		o       scan.Options
		formats []string
		output  string
		failOn  string
		lang    string
		hist    string
		quiet   bool
		waivers string
		base    string
		sets    []string
	)
	cmd := &cobra.Command{
		Use:   "scan [flags] PATH...",
		Short: "检查导出的执法记录 / check an export against a profile",
		Long: `检查一个辖区的一次导出（PATH 可以是文件、文件夹或 - 表示标准输入，全部合起来算一次导出）。

  jiandu scan --profile qidong-2023 fixtures/demo/qidong-2023.json
  jiandu scan --as-of 2024-01-10 --format json=out.json --format html=report.html --format table exports/
  jiandu scan --unit U-SJ --format xlsx=整改清单.xlsx exports/
  jiandu scan --baseline last.json --fail-on new --waivers waivers.yaml exports/

Checks one export of one jurisdiction: every PATH together (files, folders, - for stdin).
Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the run failed
(bad flag, unknown profile, a file that yields no records). Formats: table, json, ndjson,
sarif, junit, markdown, html, xlsx (docs/reports.md). A waived finding never counts toward
--fail-on; --fail-on new (with --baseline) counts only new findings at or above error.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !validFailOn(failOn) {
				return fail(fmt.Errorf("--fail-on %q: choose error, warning, info, never or new", failOn))
			}
			if failOn == "new" && base == "" {
				return fail(fmt.Errorf("--fail-on new counts the findings that are new since a previous run: give it with --baseline PREVIOUS.json"))
			}
			if err := checkLang(lang); err != nil {
				return fail(err)
			}
			outs, err := parseFormats(formats, output)
			if err != nil {
				return fail(err)
			}
			if o.Overrides, err = parseSets(sets); err != nil {
				return fail(err)
			}
			s, err := loadSetup(cmd)
			if err != nil {
				return err
			}
			if err := loadComparisons(&o, s, waivers, base); err != nil {
				return fail(err)
			}
			o.Paths = args
			o.Progress = newProgress(quiet)
			o.Stdin = cmd.InOrStdin()
			res, err := s.Run(cmd.Context(), o)
			if err != nil {
				return fail(err)
			}
			for _, out := range outs {
				if err := writeReport(cmd, out, res, s, lang); err != nil {
					return fail(err)
				}
			}
			if hist != "" {
				if err := recordHistory(cmd.Context(), hist, res); err != nil {
					return fail(err)
				}
			}
			if len(res.Errors) > 0 {
				return &exitError{code: 2, err: fmt.Errorf("%d file(s) yielded no records; see errors above", len(res.Errors))}
			}
			if res.Fails(failOn) {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Profile, "profile", "", "画像（辖区年度），如 qidong-2023；省略时取导出头部的 jurisdiction / profile id")
	f.StringVar(&o.AsOf, "as-of", "", "检查基准日期或时刻（默认导出的 generated_at，否则现在）/ as-of date or instant")
	f.StringSliceVar(&o.Units, "unit", nil, "只报告这些单位的问题（可重复）/ keep only these units' findings")
	f.StringArrayVar(&formats, "format", nil, "输出格式 NAME[=FILE]，可重复："+strings.Join(report.Names(), ", ")+" / output format")
	f.StringVarP(&output, "output", "o", "", "输出文件（仅一个 --format 时）/ output file for a single --format")
	f.StringVar(&failOn, "fail-on", "error", "达到此严重程度即以状态 1 退出：error, warning, info, never；new 只计相对 --baseline 新增的错误 / exit 1 at or above this")
	f.StringVar(&lang, "lang", "zh", "报告语言 zh 或 en / report language")
	f.StringVar(&waivers, "waivers", "", "豁免清单 YAML 或 JSON（rule, record|unit|*, reason, approved_by, expires）/ waivers file")
	f.StringVar(&base, "baseline", "", "上次 --format json 的结果，标出新增、未变和已解决的问题 / previous JSON findings to compare with")
	f.BoolVarP(&quiet, "quiet", "q", false, "不显示进度条 / no progress bar (also off under CI=true or when stderr is not a terminal)")
	f.StringArrayVar(&sets, "set", nil, "RULE.param[@DATE]=value：本次检查改用假设取值（值按 JSON 解析，否则为字符串；可重复）/ what-if parameter value (repeatable)")
	f.StringVar(&o.ProfileFile, "profile-file", "", "草案画像文件（画像格式，可 extends 内置画像）/ a draft profile file, e.g. extending qidong-2023")
	f.StringVar(&hist, "history", "", "把本次结果记入 SQLite 历史文件（jiandu history 查看）/ record this scan in a history file")
	return cmd
}

type output struct{ format, file string }

func parseFormats(specs []string, file string) ([]output, error) {
	if len(specs) == 0 {
		specs = []string{"table"}
	}
	if file != "" && len(specs) > 1 {
		return nil, fmt.Errorf("--output goes with a single --format; write NAME=FILE for each of several")
	}
	var outs []output
	for _, s := range specs {
		name, path, _ := strings.Cut(s, "=")
		if _, err := report.Get(name); err != nil {
			return nil, err
		}
		if path == "" {
			path = file
		}
		outs = append(outs, output{name, path})
	}
	return outs, nil
}

func writeReport(cmd *cobra.Command, out output, res *findings.Result, s *scan.Setup, lang string) error {
	w, _ := report.Get(out.format)
	ctx := report.Context{Catalogue: s.Catalogue, Lang: lang}
	if p, err := s.Profiles.Resolve(res.Profile); err == nil {
		ctx.ProfileName, ctx.ProfileNameEn = p.Name, p.NameEn
	}
	var dst io.Writer = cmd.OutOrStdout()
	if f, ok := dst.(*os.File); ok && out.file == "" && out.format == "xlsx" && term.IsTerminal(int(f.Fd())) {
		return fmt.Errorf("--format xlsx writes a binary workbook: give it a file, e.g. --format xlsx=整改清单.xlsx")
	}
	if out.file != "" {
		fh, err := os.Create(out.file)
		if err != nil {
			return err
		}
		defer fh.Close()
		dst = fh
	} else if f, ok := dst.(*os.File); ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == "" {
		ctx.Color = true
	}
	return w.Write(dst, res, ctx)
}

func recordHistory(ctx context.Context, path string, res *findings.Result) error {
	h, err := history.Open(path)
	if err != nil {
		return err
	}
	defer h.Close()
	_, err = h.Record(ctx, res, "", time.Now())
	return err
}

// loadComparisons reads --waivers and --baseline into the scan options.
func loadComparisons(o *scan.Options, s *scan.Setup, waivers, base string) error {
	if waivers != "" {
		ws, err := waiver.Load(waivers, func(id string) bool { _, ok := s.Catalogue.Get(id); return ok })
		if err != nil {
			return err
		}
		o.Waivers = ws
	}
	if base != "" {
		b, err := baseline.Load(base)
		if err != nil {
			return err
		}
		o.Baseline = b
	}
	return nil
}

func validFailOn(s string) bool {
	switch s {
	case "error", "warning", "info", "never", "new":
		return true
	}
	return false
}
