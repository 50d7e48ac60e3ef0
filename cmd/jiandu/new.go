package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/policytest"
	"github.com/jiandu/jiandu/internal/profile"
)

func newCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "生成规则或画像的骨架 / scaffold a rule or a profile",
		Long: `生成新规则（规则文件与 METADATA、单元测试、pass/fail 样例）或新画像的骨架。
默认写入仓库的 policies/ 与 fixtures/（在仓库根目录运行）；--policies DIR 写入用户自己的策略目录
（DIR/<领域>/、DIR/profiles/、DIR/fixtures/）。生成的测试与样例在填写之前都会失败。

Scaffolds a new rule or profile into the repository's policies/ and fixtures/ (run from the
repository root), or into a user's policy directory with --policies DIR. The scaffolded test and
fixture cases fail, and jiandu test's lint names the TODO placeholders, until filled in.`,
	}
	cmd.AddCommand(newRuleCmd(), newProfileCmd())
	return cmd
}

// scaffoldTarget is where jiandu new writes: --policies DIR, else ./policies and ./fixtures.
func scaffoldTarget(cmd *cobra.Command) (policytest.Scaffold, string, error) {
	dir, _ := cmd.Flags().GetString("policies")
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return policytest.Scaffold{}, "", err
		}
		return policytest.Scaffold{Policies: dir, Fixtures: filepath.Join(dir, policy.FixturesDir)}, dir, nil
	}
	if fi, err := os.Stat("policies"); err != nil || !fi.IsDir() {
		return policytest.Scaffold{}, "", fmt.Errorf("no policies/ in the working directory: run from the jiandu repository root, or write into your own policy directory with --policies DIR")
	}
	return policytest.Scaffold{Policies: "policies", Fixtures: "fixtures"}, "", nil
}

func newRuleCmd() *cobra.Command {
	var area, profileID string
	cmd := &cobra.Command{
		Use:   "rule ID --area AREA",
		Short: "新规则：<领域>/<id>.rego、测试与 pass/fail 样例 / scaffold a rule, its test and fixtures",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if area == "" {
				return fail(fmt.Errorf("--area is required: the folder the rule goes in (cases, training, … or your own)"))
			}
			s, dir, err := scaffoldTarget(cmd)
			if err != nil {
				return fail(err)
			}
			paths, err := s.NewRule(args[0], area, profileID)
			if err != nil {
				return fail(err)
			}
			out := cmd.OutOrStdout()
			for _, p := range paths {
				fmt.Fprintln(out, "created", p)
			}
			test := "jiandu test"
			if dir != "" {
				test += " " + dir
			}
			fmt.Fprintf(out, `
next:
  1. write the METADATA (titles, sources, params) and the condition in breaks();
  2. turn %[1]s on in a profile (rules.%[1]s with its source) and declare its params with sources;
  3. write the tests and both fixture cases, delete the "todo" lines of expected.json;
  4. %[2]s --run %[1]s   (fails until all of this is done)
`, args[0], test)
			return nil
		},
	}
	cmd.Flags().StringVar(&area, "area", "", "规则所在领域目录 / the folder under the policy tree")
	cmd.Flags().StringVar(&profileID, "profile", "", "样例使用的画像 / the profile the fixture cases run under")
	return cmd
}

func newProfileCmd() *cobra.Command {
	var extends string
	var year int
	cmd := &cobra.Command{
		Use:   "profile ID --extends PROFILE",
		Short: "新画像：profiles/<id>/data.json / scaffold a profile extending another",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if extends == "" {
				return fail(fmt.Errorf("--extends is required: the profile this one builds on (national for a plan of its own, or e.g. qidong-2023)"))
			}
			s, _, err := scaffoldTarget(cmd)
			if err != nil {
				return fail(err)
			}
			fsys, err := policyTree(s.Policies)
			if err != nil {
				return fail(err)
			}
			known, err := profile.Load(fsys)
			if err != nil {
				return fail(err)
			}
			var y *int
			if cmd.Flags().Changed("year") {
				y = &year
			}
			path, err := s.NewProfile(args[0], extends, y, known)
			if err != nil {
				return fail(err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), "created", path)
			fmt.Fprintf(cmd.OutOrStdout(), "\nnext: fill in name, name_en, document, issued and binds_from; under \"rules\" and \"params\" put only what differs from %s, each with its source\n", extends)
			return nil
		},
	}
	cmd.Flags().StringVar(&extends, "extends", "", "所继承的画像 / the profile to extend")
	cmd.Flags().IntVar(&year, "year", 0, "画像年度（默认取编号末尾的年份或所继承画像的年度）/ the profile's year")
	return cmd
}
