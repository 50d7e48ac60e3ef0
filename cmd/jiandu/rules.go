package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/scan"
)

func rulesCmd() *cobra.Command {
	var profileID, format, on, profileFile string
	var sets []string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "列出规则目录 / list the rule catalogue",
		Long: `列出全部规则（编号、标题、严重程度、依据条款），或某一画像启用的规则及其参数。

Lists every rule (id, titles, severity, sources) from the rules' METADATA, or the rules a
profile turns on with the parameters it sets. A rate whose denominator is zero is never a finding.

  jiandu rules --profile national --on 2021-06-30     # 行政处罚法 2017 年文本的条款和取值
  jiandu rules --profile national --on 2021-07-15     # 2021 年修订后的条款和取值

With --on DATE each parameter shows the value in force on that date and the clause it comes from;
a parameter with no value in force (a requirement that did not exist yet) says so, and its rule
judges no act of that date.`,
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
			if on != "" {
				if _, err := time.Parse("2006-01-02", on); err != nil {
					return fail(fmt.Errorf("--on %q: give a date, e.g. 2021-07-15", on))
				}
				if profileID == "" && profileFile == "" {
					return fail(fmt.Errorf("--on shows the parameters a profile has in force on a date: give --profile too"))
				}
			}
			if profileID == "" && profileFile == "" {
				for _, r := range s.Catalogue.Rules() {
					rows = append(rows, row{Rule: r})
				}
			} else {
				ovs, err := parseSets(sets)
				if err != nil {
					return fail(err)
				}
				prof, err := s.ResolveProfile(scan.Options{Profile: profileID, ProfileFile: profileFile, Overrides: ovs}, nil)
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
						if on != "" {
							ps[name] = inForce(vals, on)
						}
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
				if on != "" {
					fmt.Fprintf(out, "画像 %s 于 %s 施行的参数 / parameters in force on %s\n\n", profileLabel(profileID, profileFile), on, on)
				}
				for _, r := range rows {
					fmt.Fprintf(out, "%-8s %-7s %s / %s\n", r.ID, r.Severity, r.Title, r.TitleEn)
					fmt.Fprintf(out, "         依据: %s\n", strings.Join(r.Sources, "；"))
					for _, name := range sortedKeys(r.Params) {
						if v, ok := r.Params[name].(forceRow); ok {
							if !v.InForce {
								fmt.Fprintf(out, "         参数 %s：%s 无有效取值（%s）/ no value in force\n", name, on, v.Note)
								continue
							}
							b, _ := json.Marshal(v.Value)
							fmt.Fprintf(out, "         参数 %s = %s（%s；%s）\n", name, b, since(v.From), v.Source)
							continue
						}
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
	cmd.Flags().StringVar(&on, "on", "", "与 --profile 一起：只列出该日施行的参数取值及依据 / with --profile: the parameters in force on this date")
	cmd.Flags().StringVar(&profileFile, "profile-file", "", "草案画像文件（画像格式，可 extends 内置画像）/ a draft profile file")
	cmd.Flags().StringArrayVar(&sets, "set", nil, "RULE.param[@DATE]=value：假设取值（可重复）/ what-if value (repeatable)")
	return cmd
}

// forceRow is a parameter as in force on one date (rules --on).
type forceRow struct {
	InForce bool   `json:"in_force"`
	Value   any    `json:"value,omitempty"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	Source  string `json:"source,omitempty"`
	Note    string `json:"note,omitempty"`
}

// inForce is the value of a parameter in force on date d, or a note that none is.
func inForce(vals []profile.Dated, d string) forceRow {
	v, ok := profile.At(vals, d)
	if !ok {
		first := ""
		if len(vals) > 0 {
			first = vals[0].From
		}
		return forceRow{Note: fmt.Sprintf("最早的取值自 %s 起施行：该日尚无此要求 / not yet in force: the first value takes effect on %s", first, first)}
	}
	r := forceRow{InForce: true, Value: v.Value, From: v.From, Source: v.Source}
	if v.To != profile.Forever {
		r.To = v.To
	}
	return r
}

func since(from string) string {
	if from == "" {
		return "始终施行"
	}
	return "自 " + from + " 起施行"
}

func profileLabel(id, file string) string {
	if id != "" {
		return id
	}
	return file
}

// parseSets reads the --set flags.
func parseSets(sets []string) ([]profile.Override, error) {
	var out []profile.Override
	for _, s := range sets {
		o, err := profile.ParseOverride(s)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}
