package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/explain"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/scan"
)

func explainCmd() *cobra.Command {
	var (
		o      scan.Options
		flt    explain.Filter
		lang   string
		format string
		sets   []string
	)
	cmd := &cobra.Command{
		Use:   "explain [flags] EXPORT...",
		Short: "说明问题的判定过程 / show how each finding was reached",
		Long: `逐项说明问题是怎样得出的：读取了哪些记录字段（及其位置）、适用哪一日施行的参数和条款、
每一步计算（期限的顺延、工作日的计数、学时逐条相加、比率的分子分母），以及结论。

  jiandu explain --profile qidong-2023 fixtures/demo/qidong-2023.json --rule CASE-02
  jiandu explain --profile national export.json --id 'CASE-10:case:C-2021-0630:'
  jiandu explain --profile qidong-2023 --record O-SJ-09 --lang en fixtures/demo/qidong-2023.json

Scans the export as 'jiandu scan' does (same --profile, --as-of, --set, --profile-file) and
prints, for each selected finding, the reasoning the rule recorded (detail.steps): the facts
read with their locations, the parameters in force on the act date with their clauses, each
step, and the conclusion. Chinese by default, --lang en for English. Exit status 0 when some
finding was explained, 1 when none matched the selection, 2 when the run failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ovs, err := checkTextCommand(lang, format, sets)
			if err != nil {
				return fail(err)
			}
			s, err := loadSetup(cmd)
			if err != nil {
				return err
			}
			o.Overrides = ovs
			o.Paths = args
			o.Stdin = cmd.InOrStdin()
			res, err := s.Run(cmd.Context(), o)
			if err != nil {
				return fail(err)
			}
			if len(res.Errors) > 0 {
				return &exitError{code: 2, err: fmt.Errorf("%s: %s", res.Errors[0].File, res.Errors[0].Message)}
			}
			sel := explain.Select(res.Findings, flt)
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				if sel == nil {
					sel = []findings.Finding{}
				}
				if err := enc.Encode(map[string]any{"profile": res.Profile, "as_of": res.AsOf, "findings": sel}); err != nil {
					return fail(err)
				}
			} else if err := explain.Write(out, sel, lang, s.Catalogue, explain.Header{Profile: res.Profile, AsOf: res.AsOf}); err != nil {
				return fail(err)
			}
			if len(sel) == 0 {
				return &exitError{code: 1, err: fmt.Errorf("no finding matches the selection; the scan found %d (jiandu scan --format json lists their ids)", len(res.Findings))}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Profile, "profile", "", "画像，如 qidong-2023；省略时取导出头部的 jurisdiction")
	f.StringVar(&o.AsOf, "as-of", "", "检查基准日期或时刻（默认导出的 generated_at）/ as-of date or instant")
	f.StringSliceVar(&o.Units, "unit", nil, "只看这些单位的问题 / only these units' findings")
	f.StringArrayVar(&flt.Rules, "rule", nil, "只说明这条规则的问题（可重复）/ only this rule's findings (repeatable)")
	f.StringArrayVar(&flt.Records, "record", nil, "只说明这条记录的问题（可重复）/ only this record's findings (repeatable)")
	f.StringArrayVar(&flt.IDs, "id", nil, "只说明这个问题编号（JSON 的 id，可重复）/ only the finding with this id (repeatable)")
	f.StringVar(&lang, "lang", "zh", "zh 或 en")
	f.StringVar(&format, "format", "text", "text 或 json（所选问题连同 detail.steps）")
	f.StringArrayVar(&sets, "set", nil, "RULE.param[@DATE]=value：假设取值（可重复）/ what-if value (repeatable)")
	f.StringVar(&o.ProfileFile, "profile-file", "", "草案画像文件 / a draft profile file")
	return cmd
}
