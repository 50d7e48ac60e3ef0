package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/engine"
	"github.com/jiandu/jiandu/internal/scan"
)

func profilesCmd() *cobra.Command {
	var format, resolved, asOf, period string
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "列出画像（辖区年度）/ list the jurisdiction profiles",
		Long: `列出可用画像：编号、名称、年度、来源文件、启用的规则数。

Lists the profiles: id, name, year, the plan document it encodes, the profile it extends and
the rules it turns on (its own and inherited).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSetup(cmd)
			if err != nil {
				return err
			}
			if resolved != "" {
				return writeResolved(cmd, s, resolved, asOf, period)
			}
			type row struct {
				ID       string   `json:"id"`
				Name     string   `json:"name"`
				NameEn   string   `json:"name_en"`
				Year     *int     `json:"year"`
				Extends  string   `json:"extends,omitempty"`
				Document *string  `json:"document"`
				Rules    []string `json:"rules"`
			}
			var rows []row
			for _, id := range s.Profiles.IDs() {
				src, _ := s.Profiles.Get(id)
				res, err := s.Profiles.Resolve(id)
				if err != nil {
					return fail(err)
				}
				rows = append(rows, row{ID: id, Name: src.Name, NameEn: src.NameEn, Year: src.Year, Extends: src.Extends,
					Document: src.Document, Rules: res.On()})
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			for _, r := range rows {
				year, doc := "—", "—"
				if r.Year != nil {
					year = fmt.Sprint(*r.Year)
				}
				if r.Document != nil {
					doc = *r.Document
				}
				fmt.Fprintf(out, "%-14s %-5s %s\n               %s · %s · %d 条规则\n", r.ID, year, r.Name, r.NameEn, doc, len(r.Rules))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table 或 json")
	cmd.Flags().StringVar(&resolved, "resolved", "", "输出该画像解析后的数据文档（供 opa eval -d 使用）/ print the resolved profile and run as a data document for stock opa")
	cmd.Flags().StringVar(&asOf, "as-of", "", "与 --resolved 一起：检查基准时间 / with --resolved: the as-of date or instant")
	cmd.Flags().StringVar(&period, "period", "", "与 --resolved 一起：期间 FROM..TO / with --resolved: the export period")
	return cmd
}

// writeResolved prints {"jiandu": {"profile": ..., "run": ...}}: what the engine puts in the store, so
// that stock `opa eval -d policies -d this.json` evaluates the same policies with the same data.
func writeResolved(cmd *cobra.Command, s *scan.Setup, id, asOf, period string) error {
	prof, err := s.Profiles.Resolve(id)
	if err != nil {
		return fail(err)
	}
	pv, err := prof.Value()
	if err != nil {
		return fail(err)
	}
	run := engine.Run{AsOf: time.Now()}
	if asOf != "" {
		if run.AsOf, err = scan.ParseAsOf(asOf); err != nil {
			return fail(err)
		}
	}
	if period != "" {
		from, to, ok := strings.Cut(period, "..")
		if !ok {
			return fail(fmt.Errorf("--period %q: write FROM..TO, e.g. 2023-01-01..2023-12-31", period))
		}
		run.PeriodFrom, run.PeriodTo = from, to
	}
	enc := json.NewEncoder(cmd.OutOrStdout())
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"jiandu": map[string]any{"profile": pv, "run": run.Value()}})
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
