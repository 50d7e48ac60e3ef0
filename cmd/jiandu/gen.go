package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
)

func genCmd() *cobra.Command {
	var (
		o      gen.Options
		seed   string
		report string
	)
	cmd := &cobra.Command{
		Use:   "gen --profile P --records N --seed S [flags] OUT",
		Short: "生成合成导出数据（基准测试、演示、压力测试）/ generate a synthetic export",
		Long: `按画像生成一份逼真的合成导出（单位、执法人员及全年培训、案件、涉企检查、报送、事件、线索），
并按 --violations 的比例植入违规，在标准错误输出按规则列出植入数量。OUT 为 - 时写到标准输出。

  jiandu gen --profile qidong-2023 --records 100000 --seed 1 export.json
  jiandu gen --profile taishan-2024 --records 1000000 --seed 7 --format ndjson --report planted.json big.ndjson

Writes a realistic synthetic export of a profile's year, streamed record by record (memory stays
flat at any size), the same bytes for the same seed. Violations of each rule the profile turns on
and the generator can break are planted at --violations; their counts per rule, in the unit the
rule reports in, are printed to stderr and written as JSON with --report.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := strconv.ParseUint(seed, 10, 64)
			if err != nil {
				return fail(fmt.Errorf("--seed %q: give a whole number", seed))
			}
			o.Seed = s
			if dir, _ := cmd.Flags().GetString("policies"); dir != "" {
				if _, err := os.Stat(dir); err != nil {
					return fail(err)
				}
				o.Policies = os.DirFS(dir)
			} else {
				o.Policies = jiandu.Policies()
			}
			var dst io.Writer = cmd.OutOrStdout()
			var fh *os.File
			if args[0] != "-" {
				fh, err = os.Create(args[0])
				if err != nil {
					return fail(err)
				}
				dst = fh
			}
			bw := bufio.NewWriterSize(dst, 1<<20)
			rep, err := gen.Generate(bw, o)
			if err == nil {
				err = bw.Flush()
			}
			if fh != nil {
				if cerr := fh.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					os.Remove(args[0])
				}
			}
			if err != nil {
				return fail(err)
			}
			if report != "" {
				b, err := json.MarshalIndent(rep, "", "  ")
				if err != nil {
					return fail(err)
				}
				if err := os.WriteFile(report, append(b, '\n'), 0o644); err != nil {
					return fail(err)
				}
			}
			if err := rep.WriteTable(cmd.ErrOrStderr()); err != nil {
				return fail(err)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Profile, "profile", "", "画像（辖区年度），如 qidong-2023 / profile id")
	f.IntVar(&o.Records, "records", 10000, "记录条数（不含导出头部）/ number of records")
	f.StringVar(&seed, "seed", "1", "随机种子，同一种子生成相同字节 / seed: the same seed gives the same bytes")
	f.Float64Var(&o.Violations, "violations", gen.DefaultViolations, "每条规则的违规植入比例 / rate of planted violations per rule")
	f.StringVar(&o.Format, "format", "json", "json（JSON 容器）或 ndjson / output format")
	f.StringVar(&report, "report", "", "把植入数量写成 JSON 文件 / write the report as JSON to this file")
	_ = cmd.MarkFlagRequired("profile")
	return cmd
}
