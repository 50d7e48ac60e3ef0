package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/catalogue"
)

func rulesCmd() *cobra.Command {
	var profileID, format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "列出规则目录 / list the rule catalogue",
		Long: `列出全部规则（编号、标题、严重程度、依据条款），或某一画像启用的规则及其参数。

Lists every rule (id, titles, severity, sources) from the rules' METADATA, or the rules a
profile turns on with the parameters it sets. A rate whose denominator is zero is never a finding.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSetup(cmd)
			if err != nil {
				return err
			}
			type row struct {
				*catalogue.Rule
				Profile string         `json:"profile,omitempty"`
				Params  map[string]any `json:"parameters,omitempty"`
			}
			var rows []row
			if profileID == "" {
				for _, r := range s.Catalogue.Rules() {
					rows = append(rows, row{Rule: r})
				}
			} else {
				prof, err := s.Profiles.Resolve(profileID)
				if err != nil {
					return fail(err)
				}
				for _, id := range prof.On() {
					r, ok := s.Catalogue.Get(id)
					if !ok {
						return fail(fmt.Errorf("profile %s turns on %s, which no policy defines", profileID, id))
					}
					ps := map[string]any{}
					for name, vals := range prof.Params[id] {
						ps[name] = vals
					}
					rows = append(rows, row{Rule: r, Profile: prof.Rules[id].Profile, Params: ps})
				}
			}
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			case "table":
				for _, r := range rows {
					fmt.Fprintf(out, "%-8s %-7s %s / %s\n", r.ID, r.Severity, r.Title, r.TitleEn)
					fmt.Fprintf(out, "         依据: %s\n", strings.Join(r.Sources, "；"))
					for _, name := range sortedKeys(r.Params) {
						b, _ := json.Marshal(r.Params[name])
						fmt.Fprintf(out, "         参数 %s = %s\n", name, b)
					}
				}
				return nil
			}
			return fail(fmt.Errorf("--format %q: choose table or json", format))
		},
	}
	cmd.Flags().StringVar(&profileID, "profile", "", "只列出此画像启用的规则及参数 / only the rules this profile turns on")
	cmd.Flags().StringVar(&format, "format", "table", "table 或 json")
	return cmd
}
