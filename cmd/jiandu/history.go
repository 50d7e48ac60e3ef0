package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/history"
)

func historyCmd() *cobra.Command {
	var (
		db     string
		f      history.Filter
		format string
	)
	cmd := &cobra.Command{
		Use:   "history",
		Short: "查看历次扫描的趋势与新增、已整改问题 / trends across nightly scans",
		Long: `显示 --history 记录下来的历次扫描：各单位、各规则的问题数变化，以及最近一次相对上一次新增和已整改的问题。

Shows the scans recorded with ` + "`jiandu scan --history FILE.db`" + `: per-unit and per-rule counts across runs,
and which findings are new and which were resolved since the run before the latest.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			h, err := history.Open(db)
			if err != nil {
				return fail(err)
			}
			defer h.Close()
			rep, err := h.Report(cmd.Context(), f)
			if err != nil {
				return fail(err)
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			if len(rep.Scans) == 0 {
				fmt.Fprintln(out, "没有记录的扫描 / no scans recorded")
				return nil
			}
			fmt.Fprintf(out, "辖区 %s，共 %d 次扫描\n\n", rep.Jurisdiction, len(rep.Scans))
			for _, s := range rep.Scans {
				fmt.Fprintf(out, "  #%d  %s  基准 %s  记录 %d  问题 %d\n", s.ID, s.ScannedAt, s.AsOf, s.Records, s.Findings)
			}
			trend(out, "按单位 / by unit", rep.Scans, rep.ByUnit)
			trend(out, "按规则 / by rule", rep.Scans, rep.ByRule)
			fmt.Fprintf(out, "\n最近一次新增 %d 项 / new: %s\n", len(rep.New), strings.Join(rep.New, " "))
			fmt.Fprintf(out, "最近一次已整改 %d 项 / resolved: %s\n", len(rep.Resolved), strings.Join(rep.Resolved, " "))
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "jiandu-history.db", "历史数据库文件 / the history file written by scan --history")
	cmd.Flags().StringVar(&f.Unit, "unit", "", "只看这个单位 / one unit only")
	cmd.Flags().StringVar(&f.Since, "since", "", "只看此日期以后的扫描 YYYY-MM-DD / scans on or after this date")
	cmd.Flags().StringVar(&f.Jurisdiction, "profile", "", "辖区画像（默认最近一次扫描的）/ jurisdiction, default the latest scan's")
	cmd.Flags().StringVar(&format, "format", "table", "table 或 json")
	return cmd
}

// trend prints one row per key with its count in each scan.
func trend(out interface{ Write([]byte) (int, error) }, title string, scans []history.Scan, counts []history.Count) {
	byKey := map[string]map[int64]int{}
	for _, c := range counts {
		if byKey[c.Key] == nil {
			byKey[c.Key] = map[int64]int{}
		}
		byKey[c.Key][c.ScanID] = c.N
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(out, "\n%s\n", title)
	for _, k := range keys {
		var cells []string
		for _, s := range scans {
			cells = append(cells, fmt.Sprintf("%4d", byKey[k][s.ID]))
		}
		fmt.Fprintf(out, "  %-12s %s\n", k, strings.Join(cells, " "))
	}
}
