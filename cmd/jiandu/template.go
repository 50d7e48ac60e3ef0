package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/records"
)

func templateCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "template [--format xlsx|csv] [--out DIR]",
		Short: "写出空白导出模板（中文表头）/ write blank export templates with Chinese headers",
		Long: `写出一份空白导出模板：每类记录一张表（执法单位、执法人员、培训记录……），中文表头，
一行示例，枚举列和是/否列带下拉选项（xlsx）。填好后直接 jiandu scan。

Writes blank export templates: one sheet (xlsx) or one CSV file (csv, UTF-8 with BOM) per
kind and sub-record sheet plus 导出信息 for the header, Chinese headers with comments naming
the key and the accepted forms, one example row, and drop-downs for every enum and yes/no
column in the workbook.

  jiandu template                     # ./jiandu-template.xlsx
  jiandu template --format csv --out 模板/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lay, err := layout(cmd)
			if err != nil {
				return err
			}
			switch format {
			case "xlsx":
				if err := os.MkdirAll(out, 0o755); err != nil {
					return fail(err)
				}
				p := filepath.Join(out, "jiandu-template.xlsx")
				f, err := os.Create(p)
				if err != nil {
					return fail(err)
				}
				if err := lay.TemplateXLSX(f); err != nil {
					f.Close()
					return fail(err)
				}
				if err := f.Close(); err != nil {
					return fail(err)
				}
				fmt.Fprintln(cmd.OutOrStdout(), p)
			case "csv":
				paths, err := lay.TemplateCSV(out)
				if err != nil {
					return fail(err)
				}
				for _, p := range paths {
					fmt.Fprintln(cmd.OutOrStdout(), p)
				}
			default:
				return fail(fmt.Errorf("--format %q: choose xlsx or csv", format))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "xlsx", "模板格式 xlsx 或 csv / template format")
	cmd.Flags().StringVar(&out, "out", ".", "写入的目录 / directory to write into")
	return cmd
}

// layout is the spreadsheet layout of the built-in record schema, or of --policies.
func layout(cmd *cobra.Command) (*records.Layout, error) {
	v, err := validator(cmd)
	if err != nil {
		return nil, err
	}
	lay, err := v.SheetLayout()
	if err != nil {
		return nil, fail(err)
	}
	return lay, nil
}

// validator reads only the record schema (no policy compile): enough to read and write exports.
func validator(cmd *cobra.Command) (*records.Validator, error) {
	dir, _ := cmd.Flags().GetString("policies")
	fsys := jiandu.Policies()
	if dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fail(err)
		}
		fsys = os.DirFS(dir)
	}
	v, err := records.NewValidator(fsys)
	if err != nil {
		return nil, fail(err)
	}
	return v, nil
}
