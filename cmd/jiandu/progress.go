package main

import (
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/jiandu/jiandu/internal/scan"
)

// barProgress draws the progress of a long scan on stderr: records read, then partitions evaluated
// with an ETA.
type barProgress struct {
	read *progressbar.ProgressBar
	eval *progressbar.ProgressBar
}

// newProgress returns a progress bar when stderr is a terminal and neither --quiet nor CI=true asks
// for silence; nil otherwise.
func newProgress(quiet bool) scan.Progress {
	if quiet || os.Getenv("CI") == "true" || !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil
	}
	return &barProgress{}
}

func (b *barProgress) Read(files, records int) {
	if b.read == nil {
		b.read = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("读取记录 reading"),
			progressbar.OptionShowCount(),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish())
	}
	b.read.Describe(fmt.Sprintf("读取 %d 个文件 reading %d files", files, files))
	b.read.Set(records)
}

func (b *barProgress) Evaluated(done, total int) {
	if b.eval == nil {
		if b.read != nil {
			b.read.Finish()
		}
		b.eval = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("检查分区 evaluating partitions"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish())
	}
	b.eval.Set(done)
	if done == total {
		b.eval.Finish()
	}
}
