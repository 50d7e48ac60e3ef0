package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/version"
)

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "显示版本 / print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), "jiandu", version.Version)
		},
	}
}
