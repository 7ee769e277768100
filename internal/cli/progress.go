package cli

import (
	"fmt"
	"io"
	"sync"
)

// progress shows, on a terminal's stderr, how far a batch has got. A nil
// *progress shows nothing, so callers need no checks.
type progress struct {
	mu        sync.Mutex
	w         io.Writer
	total     int
	finishedN int
	current   map[string]string
	order     []string
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, current: map[string]string{}}
}

func (p *progress) Listed(refs int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = refs
	p.draw()
}

func (p *progress) Started(ref string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current[ref] = "opening"
	p.order = append(p.order, ref)
	p.draw()
}

func (p *progress) Layer(ref string, layer, layers int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current[ref] = fmt.Sprintf("layer %d/%d", layer+1, layers)
	p.draw()
}

func (p *progress) Finished(ref string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.current, ref)
	for i, r := range p.order {
		if r == ref {
			p.order = append(p.order[:i], p.order[i+1:]...)
			break
		}
	}
	p.finishedN++
	p.draw()
}

// draw rewrites one status line: the count and the oldest scan running.
func (p *progress) draw() {
	line := fmt.Sprintf("dockstride: %d/%d images", p.finishedN, p.total)
	if len(p.order) > 0 {
		ref := p.order[0]
		line += fmt.Sprintf(", scanning %s (%s)", ref, p.current[ref])
		if len(p.order) > 1 {
			line += fmt.Sprintf(" and %d more", len(p.order)-1)
		}
	}
	if len(line) > 120 {
		line = line[:117] + "..."
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}

// done clears the status line before the report is written.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\x1b[K")
}
