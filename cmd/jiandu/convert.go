package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/records"
)

func convertCmd() *cobra.Command {
	var to, output string
	cmd := &cobra.Command{
		Use:   "convert [--to json|ndjson] [-o FILE] PATH...",
		Short: "把任何支持的导出转成标准 JSON 或 NDJSON / turn any supported export into canonical JSON or NDJSON",
		Long: `把 CSV、XLSX、JSON 或 NDJSON 导出（文件、文件夹，全部合为一次导出）转成 RECORDS.md 的
标准 JSON 容器或 NDJSON：中文表头换成键，日期、金额、是/否换成标准写法，子表并回所属记录。

Reads an export in any supported form (files and folders together, - for standard input) and
writes it as the canonical JSON container or NDJSON of RECORDS.md. Every record read is
written, also one that does not match the contract: a cell that did not convert keeps its
text, so a scan of the output reports it again. Problems are listed on standard error.
Exit status: 0 every record matches the contract; 1 some do not (DATA-01); 2 a file yielded
no records.

  jiandu convert -o export.json 导出/
  jiandu convert --to ndjson 启东.xlsx > export.ndjson`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to != "json" && to != "ndjson" {
				return fail(fmt.Errorf("--to %q: choose json or ndjson", to))
			}
			v, err := validator(cmd)
			if err != nil {
				return err
			}
			// records are spilled to one temporary file per kind as they are read, so that the
			// header (which may come last, in a 导出信息 sheet) can lead the output without
			// holding the export in memory
			tmp, err := os.MkdirTemp("", "jiandu-convert-")
			if err != nil {
				return fail(err)
			}
			defer os.RemoveAll(tmp)
			spill := map[string]*bufio.Writer{}
			files := map[string]*os.File{}
			count := map[string]int{}
			var werr error
			ld := records.NewLoader(v, nil)
			ld.All = func(r *records.Record) {
				if r.Value == nil || werr != nil {
					return
				}
				kind := r.Kind
				if to == "ndjson" {
					kind = "all"
				}
				w := spill[kind]
				if w == nil {
					f, err := os.CreateTemp(tmp, kind)
					if err != nil {
						werr = err
						return
					}
					files[kind], w = f, bufio.NewWriterSize(f, 1<<16)
					spill[kind] = w
				}
				if to == "ndjson" {
					w.WriteString(`{"kind":` + quote(r.Kind) + ",")
					b := marshal(r.Value)
					w.Write(b[1:])
				} else {
					if count[kind] > 0 {
						w.WriteString(",\n")
					}
					w.WriteString("    ")
					w.Write(bytes.TrimRight(marshal(r.Value), "\n"))
				}
				count[kind]++
			}
			ld.LoadPaths(args, cmd.InOrStdin())
			ld.Finish()
			for _, w := range spill {
				if err := w.Flush(); err != nil && werr == nil {
					werr = err
				}
			}
			if werr != nil {
				return fail(werr)
			}
			var dst io.Writer = cmd.OutOrStdout()
			if output != "" {
				f, err := os.Create(output)
				if err != nil {
					return fail(err)
				}
				defer f.Close()
				dst = f
			}
			out := bufio.NewWriterSize(dst, 1<<16)
			header := headerValue(ld.Headers)
			copyKind := func(kind string) error {
				f := files[kind]
				if f == nil {
					return nil
				}
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					return err
				}
				_, err := io.Copy(out, f)
				return err
			}
			if to == "ndjson" {
				if header != nil {
					out.WriteString(`{"kind":"export",`)
					out.Write(marshal(header)[1:])
				}
				if err := copyKind("all"); err != nil {
					return fail(err)
				}
			} else {
				out.WriteString("{")
				sep := "\n"
				if header != nil {
					out.WriteString(sep + `  "export": ` + string(bytes.TrimRight(marshal(header), "\n")))
					sep = ",\n"
				}
				for _, kind := range records.Kinds {
					if files[kind] == nil {
						continue
					}
					out.WriteString(sep + "  " + quote(records.Plural[kind]) + ": [\n")
					if err := copyKind(kind); err != nil {
						return fail(err)
					}
					out.WriteString("\n  ]")
					sep = ",\n"
				}
				out.WriteString("\n}\n")
			}
			if err := out.Flush(); err != nil {
				return fail(err)
			}
			return convertStatus(cmd, ld)
		},
	}
	cmd.Flags().StringVar(&to, "to", "json", "输出格式 json（容器）或 ndjson / output form")
	cmd.Flags().StringVarP(&output, "output", "o", "", "输出文件（默认标准输出）/ output file (default standard output)")
	return cmd
}

// convertStatus lists what did not convert on standard error and sets the exit status.
func convertStatus(cmd *cobra.Command, ld *records.Loader) error {
	stderr := cmd.ErrOrStderr()
	for _, f := range ld.Facts.SchemaErrors {
		fmt.Fprintf(stderr, "DATA-01 %s: %s %s: %s\n", f.Loc, f.Kind, f.ID, f.Reason)
	}
	for _, f := range ld.Facts.UnknownKeys {
		fmt.Fprintf(stderr, "DATA-04 %s: %s %q maps to no key of RECORDS.md and was left out\n", f.Loc, f.Kind, f.Key)
	}
	for _, e := range ld.Errors {
		fmt.Fprintf(stderr, "%s: %s\n", e.File, e.Message)
	}
	switch {
	case len(ld.Errors) > 0:
		return &exitError{code: 2, err: fmt.Errorf("%d file(s) yielded no records; see above", len(ld.Errors))}
	case len(ld.Facts.SchemaErrors) > 0:
		return &exitError{code: 1, err: fmt.Errorf("%d record(s) or part(s) do not match RECORDS.md; written as read, see above", len(ld.Facts.SchemaErrors))}
	}
	return nil
}

// headerValue is the export header as RECORDS.md writes it (the first one read).
func headerValue(hs []records.Header) map[string]any {
	if len(hs) == 0 {
		return nil
	}
	h := hs[0]
	m := map[string]any{}
	for k, v := range map[string]string{"jurisdiction": h.Jurisdiction, "generated_at": h.GeneratedAt, "source": h.Source} {
		if v != "" {
			m[k] = v
		}
	}
	if h.PeriodFrom != "" || h.PeriodTo != "" {
		p := map[string]any{}
		if h.PeriodFrom != "" {
			p["from"] = h.PeriodFrom
		}
		if h.PeriodTo != "" {
			p["to"] = h.PeriodTo
		}
		m["period"] = p
	}
	return m
}

// marshal is canonical JSON: keys sorted, no HTML escaping, a newline after.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return b.Bytes()
}

func quote(s string) string { return string(bytes.TrimRight(marshal(s), "\n")) }
