package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/scan"
)

// loadSetup loads the built-in policies, or the tree named by --policies.
func loadSetup(cmd *cobra.Command) (*scan.Setup, error) {
	dir, _ := cmd.Flags().GetString("policies")
	fsys := jiandu.Policies()
	if dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fail(err)
		}
		fsys = os.DirFS(dir)
	}
	s, err := scan.Load(fsys)
	if err != nil {
		return nil, fail(err)
	}
	return s, nil
}
