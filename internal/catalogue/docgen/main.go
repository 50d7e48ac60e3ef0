// Command docgen writes docs/rules.md, the rule catalogue page, from the built-in policies: the rules'
// METADATA and the profiles. Run it from the repository root after changing a rule or a profile:
//
//	go run ./internal/catalogue/docgen
//
// A test in internal/catalogue fails while docs/rules.md differs from what this writes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/catalogue"
)

func main() {
	out := flag.String("o", catalogue.DocFile, "the file to write (- for stdout)")
	flag.Parse()
	page, err := catalogue.MarkdownFor(jiandu.Policies())
	if err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
	if *out == "-" {
		os.Stdout.Write(page)
		return
	}
	if err := os.WriteFile(*out, page, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		fmt.Fprintln(os.Stderr, "run it from the repository root:", catalogue.DocCommand)
		os.Exit(1)
	}
	fmt.Printf("wrote %s\n", *out)
}
