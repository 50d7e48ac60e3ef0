// Package version is jiandu's version, set at build time with
// -ldflags "-X github.com/jiandu/jiandu/internal/version.Version=v1.2.3".
package version

// Version of this build.
var Version = "0.1.0-dev"
