package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/policytest"
)

func testCmd() *cobra.Command {
	var (
		run         string
		formats     []string
		coverageMin float64
		verbose     bool
	)
	cmd := &cobra.Command{
		Use:   "test [flags] [DIR...]",
		Short: "测试策略：Rego 单元测试、样例、覆盖率与元数据检查 / test policies: Rego tests, fixtures, coverage, lint",
		Long: `策略作者的 CI：一次运行、一份报告，包括
  (1) Rego 单元测试（OPA tester），按规则汇总；
  (2) 每个样例（fixtures/<规则>/<用例>/ 的导出与 expected.json）经真实引擎检查，缺少或多出的问题以差异列出；
  (3) 策略覆盖率（逐文件与合计），低于 --coverage-min 即失败；
  (4) 元数据检查：编号、中英文标题、严重程度、依据、pass-/fail- 样例、编号唯一且格式正确、包名、
      画像参数均有依据、规则读取的每个参数都由启用它的画像声明、opa check --strict 与 opa fmt。

  jiandu test                                  # 内置策略，样例取当前目录的 fixtures/（在仓库根目录运行）
  jiandu test examples/county-policies         # 用户策略目录：叠加在内置策略之上，样例在 DIR/fixtures/
  jiandu test --run 'QDX-01|TRN-01' --format junit=report.xml --format table

Runs a policy tree's tests in one report: the Rego unit tests per rule, every fixture case
through the real engine, coverage per file and in total, and the metadata lint. Without DIR:
the built-in policies with ./fixtures. A DIR is a user's tree laid out like policies/ (rules by
area, profiles/<id>/data.json, fixtures/) laid over the built-in one: its files replace built-in
ones at the same path, its rules and profiles are added beside them; the lint, the coverage and
the fixtures each rule needs are about the DIR's own files.
--run REGEX keeps the tests, fixture cases and lint findings whose name or rule id matches.
Exit status: 0 all pass; 1 a test, case, lint check or the coverage minimum fails; 2 the run
itself failed (the policies do not compile, a profile does not load, a bad flag).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var filter *regexp.Regexp
			if run != "" {
				re, err := regexp.Compile(run)
				if err != nil {
					return fail(fmt.Errorf("--run %q: %w", run, err))
				}
				filter = re
			}
			outs, err := testOutputs(formats)
			if err != nil {
				return fail(err)
			}
			if len(args) == 0 {
				if dir, _ := cmd.Flags().GetString("policies"); dir != "" {
					args = []string{dir}
				}
			}
			suites, err := testSuites(args)
			if err != nil {
				return fail(err)
			}
			var reps []*policytest.Report
			for _, s := range suites {
				s.Run, s.CoverageMin = filter, coverageMin
				rep, err := s.Execute(cmd.Context())
				if err != nil {
					return fail(fmt.Errorf("%s: %w", s.Name, err))
				}
				reps = append(reps, rep)
			}
			for _, o := range outs {
				w := cmd.OutOrStdout()
				if o.file != "" {
					fh, err := os.Create(o.file)
					if err != nil {
						return fail(err)
					}
					err = policytest.Write(fh, o.format, reps, verbose)
					if cerr := fh.Close(); err == nil {
						err = cerr
					}
					if err != nil {
						return fail(err)
					}
					continue
				}
				if err := policytest.Write(w, o.format, reps, verbose); err != nil {
					return fail(err)
				}
			}
			for _, r := range reps {
				if !r.Pass {
					return &exitError{code: 1}
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&run, "run", "", "只运行名称或规则编号匹配此正则的测试、样例和检查 / select by regular expression")
	f.StringArrayVar(&formats, "format", nil, "输出格式 NAME[=FILE]，可重复："+strings.Join(policytest.Formats, ", ")+" / output format")
	f.Float64Var(&coverageMin, "coverage-min", 0, "覆盖率低于此百分比即失败 / fail below this coverage percentage")
	f.BoolVarP(&verbose, "verbose", "v", false, "列出每个通过的测试与样例 / list passing tests and cases too")
	return cmd
}

func testOutputs(specs []string) ([]output, error) {
	if len(specs) == 0 {
		specs = []string{"table"}
	}
	var outs []output
	for _, s := range specs {
		name, file, _ := strings.Cut(s, "=")
		ok := false
		for _, f := range policytest.Formats {
			ok = ok || f == name
		}
		if !ok {
			return nil, fmt.Errorf("--format %q: choose %s (NAME=FILE writes to a file)", name, strings.Join(policytest.Formats, ", "))
		}
		outs = append(outs, output{name, file})
	}
	return outs, nil
}

// testSuites: no DIR is the built-in tree with ./fixtures; each DIR is a user's tree over the built-in one.
func testSuites(dirs []string) ([]*policytest.Suite, error) {
	if len(dirs) == 0 {
		fi, err := os.Stat("fixtures")
		if err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("no fixtures/ in the working directory: run `jiandu test` from the jiandu repository root to test the built-in policies, or give your own policy directory (`jiandu test DIR`)")
		}
		return []*policytest.Suite{{
			Name:     "built-in policies (policies/, fixtures/)",
			Policies: jiandu.Policies(),
			Fixtures: "fixtures",
			Label:    func(f string) string { return "policies/" + f },
		}}, nil
	}
	var out []*policytest.Suite
	for _, dir := range dirs {
		fsys, err := policyTree(dir)
		if err != nil {
			return nil, err
		}
		ov := fsys.(*policy.Overlay)
		d := dir
		out = append(out, &policytest.Suite{
			Name:     d + " (over the built-in policies)",
			Policies: ov,
			Fixtures: filepath.Join(d, policy.FixturesDir),
			Owned:    ov.FromUser,
			Label: func(f string) string {
				if ov.FromUser(f) {
					return filepath.ToSlash(filepath.Join(d, f))
				}
				return "(built-in) policies/" + f
			},
		})
	}
	return out, nil
}
