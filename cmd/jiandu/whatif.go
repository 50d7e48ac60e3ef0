package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/scan"
	"github.com/jiandu/jiandu/internal/whatif"
)

func whatifCmd() *cobra.Command {
	var (
		o           scan.Options
		sets        []string
		profileFile string
		lang        string
		format      string
	)
	cmd := &cobra.Command{
		Use:   "whatif [flags] EXPORT...",
		Short: "假设要求改变，会多出或少掉哪些问题 / what a draft requirement would add and remove",
		Long: `在通过新计划之前，看一项更严（或更宽）的要求会让哪些问题出现或消失：同一份导出分别按
画像现行取值和假设取值各检查一次，按规则、按单位列出新增和减少的问题。

  jiandu whatif --profile qidong-2023 --set TRN-01.annual_min_hours=72 fixtures/demo/qidong-2023.json
  jiandu whatif --profile qidong-2023 --set CASE-02.filing_days@2023-07-01=10 export.json
  jiandu whatif --profile-file draft-2024.json exports/      # 草案画像（extends 现行画像）

--set RULE.param=value replaces the parameter (the value as JSON, else a string); RULE.param@DATE=value
puts the value in force from DATE (a threshold that changes mid-year); RULE.on=false turns a rule off.
--profile-file is a draft profile in the profile format, compared with the profile it extends (or
--profile). An unknown rule or parameter, or a value of another type than the one it replaces, is exit
status 2 naming the valid ones. Findings are matched by their stable id.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ovs, err := checkTextCommand(lang, format, sets)
			if err != nil {
				return fail(err)
			}
			if len(ovs) == 0 && profileFile == "" {
				return fail(fmt.Errorf("say what to change: --set RULE.param=value (e.g. --set TRN-01.annual_min_hours=72) or --profile-file DRAFT.json"))
			}
			s, err := loadSetup(cmd)
			if err != nil {
				return err
			}
			base := o
			base.Paths, base.Stdin = args, cmd.InOrStdin()
			draft := base
			draft.Overrides = ovs
			if profileFile != "" {
				d, err := profile.ReadDraft(profileFile)
				if err != nil {
					return fail(err)
				}
				draft.ProfileFile, draft.Profile = profileFile, d.ID
				if base.Profile == "" {
					if d.Extends == "" {
						return fail(fmt.Errorf("%s extends no profile: name the profile to compare it with in --profile", profileFile))
					}
					base.Profile = d.Extends
				}
			}
			// Check the draft before the scans: a bad --set is exit 2 at once.
			if base.Profile != "" {
				if _, err := s.ResolveProfile(draft, nil); err != nil {
					return fail(err)
				}
			}
			before, err := s.Run(cmd.Context(), base)
			if err != nil {
				return fail(err)
			}
			if len(before.Errors) > 0 {
				return &exitError{code: 2, err: fmt.Errorf("%s: %s", before.Errors[0].File, before.Errors[0].Message)}
			}
			if draft.Profile == "" {
				draft.Profile = before.Profile
			}
			base.Profile = before.Profile
			after, err := s.Run(cmd.Context(), draft)
			if err != nil {
				return fail(err)
			}
			bp, err := s.ResolveProfile(base, nil)
			if err != nil {
				return fail(err)
			}
			dp, err := s.ResolveProfile(draft, nil)
			if err != nil {
				return fail(err)
			}
			rep := whatif.Report{Profile: before.Profile, Draft: draftLabel(sets, profileFile), AsOf: before.AsOf,
				Changes: whatif.Changes(bp, dp), Diff: whatif.Compare(before.Findings, after.Findings)}
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			rep.Write(out, lang)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Profile, "profile", "", "现行画像，如 qidong-2023 / the profile as it is")
	f.StringVar(&o.AsOf, "as-of", "", "检查基准日期或时刻 / as-of date or instant")
	f.StringSliceVar(&o.Units, "unit", nil, "只看这些单位 / only these units")
	f.StringArrayVar(&sets, "set", nil, "RULE.param[@DATE]=value：假设取值（可重复）/ what-if value (repeatable)")
	f.StringVar(&profileFile, "profile-file", "", "草案画像文件（画像格式，可 extends 内置画像）/ a draft profile file")
	f.StringVar(&lang, "lang", "zh", "zh 或 en")
	f.StringVar(&format, "format", "text", "text 或 json")
	return cmd
}

func draftLabel(sets []string, file string) string {
	if file != "" {
		return file
	}
	label := "--set"
	for _, s := range sets {
		label += " " + s
	}
	return label
}
