package main

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/spf13/cobra"
)

func profilesCmd() *cobra.Command {
	var format string
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
	return cmd
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
