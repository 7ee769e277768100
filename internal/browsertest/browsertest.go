//go:build unix

// Package browsertest renders a page in a headless Chromium and reports
// what a test needs to know about it: values computed in the page, the
// console errors and exceptions, every network request and a screenshot.
// It speaks the DevTools protocol over Chromium's --remote-debugging-pipe
// (NUL-separated JSON messages on file descriptors 3 and 4), so it needs
// no port, no WebSocket and no library.
package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// Find returns the Chromium binary: $DOCKSTRIDE_CHROMIUM, else chromium or
// chromium-browser on PATH; ok is false when there is none.
func Find() (path string, ok bool) {
	if p := os.Getenv("DOCKSTRIDE_CHROMIUM"); p != "" {
		return p, true
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// Options says how to render a page.
type Options struct {
	// Width and Height are the viewport in CSS pixels (the screenshot's
	// size).
	Width, Height int
	// Eval are JavaScript expressions evaluated once the page has loaded;
	// their values (JSON) are Page.Values, in order.
	Eval []string
}

// Page is what rendering a page showed.
type Page struct {
	// Values are the results of Options.Eval, as JSON.
	Values []json.RawMessage
	// Errors are console errors and uncaught exceptions, including the
	// Content-Security-Policy violations Chromium logs.
	Errors []string
	// Requests are the URLs the page asked for, the page itself first.
	Requests []string
	// Screenshot is a PNG of the viewport.
	Screenshot []byte
}

// Browser is a headless Chromium with its own temporary profile and no
// background networking, driven over the DevTools pipe. It renders one
// page at a time, each in a new tab, so tests that render several pages
// start it once.
type Browser struct {
	mu      sync.Mutex
	ctx     context.Context
	c       *conn
	stop    func()
	stderr  *bytes.Buffer
	profile string
	err     error
}

// Start launches chromium. ctx bounds the browser's life: it is killed
// when ctx ends. Close it when done.
func Start(ctx context.Context, chromium string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		return nil, err
	}
	toBrowser, ourEnd, err := os.Pipe()
	if err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	fromBrowser, theirEnd, err := os.Pipe()
	if err != nil {
		toBrowser.Close()
		ourEnd.Close()
		os.RemoveAll(profile)
		return nil, err
	}
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--mute-audio",
		"--hide-scrollbars", "--user-data-dir="+profile, "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, theirEnd} // fd 3: commands in, fd 4: replies out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr := &bytes.Buffer{}
	cmd.Stderr = stderr
	err = cmd.Start()
	toBrowser.Close()
	theirEnd.Close()
	if err != nil {
		ourEnd.Close()
		fromBrowser.Close()
		os.RemoveAll(profile)
		return nil, err
	}
	done := make(chan struct{})
	b := &Browser{ctx: ctx, c: newConn(ourEnd, fromBrowser), stderr: stderr, profile: profile}
	// stop ends the browser and waits for it, so that its stderr is
	// complete and no longer written when an error reads it.
	b.stop = sync.OnceFunc(func() {
		close(done)
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		ourEnd.Close()
		fromBrowser.Close()
		_ = cmd.Wait()
		os.RemoveAll(profile)
	})
	go func() {
		select {
		case <-ctx.Done():
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		case <-done:
		}
	}()
	return b, nil
}

// Render loads url in a new tab and returns what it showed. After an
// error the browser is stopped (the error quotes its last words) and
// every later Render fails.
func (b *Browser) Render(url string, opts Options) (*Page, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return nil, b.err
	}
	page, err := b.c.render(url, opts)
	if err == nil {
		return page, nil
	}
	if b.ctx.Err() != nil {
		err = fmt.Errorf("%w: %v", b.ctx.Err(), err)
	}
	b.stop()
	b.err = fmt.Errorf("%v (chromium stderr: %s)", err, lastLines(b.stderr.String(), 5))
	return nil, b.err
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() { b.stop() }

// Render loads url in a browser of its own, started and stopped for it.
func Render(ctx context.Context, chromium, url string, opts Options) (*Page, error) {
	b, err := Start(ctx, chromium)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.Render(url, opts)
}

// conn is one DevTools connection: numbered calls and the events the
// page sends while they run.
type conn struct {
	w      io.Writer
	r      *bufio.Reader
	nextID int
	events []event
}

type event struct {
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	SessionID string          `json:"sessionId"`
}

type message struct {
	ID     int             `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
	event
}

func newConn(w io.Writer, r io.Reader) *conn { return &conn{w: w, r: bufio.NewReader(r)} }

// call sends method to the session ("" for the browser) and waits for its
// reply, keeping the events that arrive meanwhile.
func (c *conn) call(session, method string, params any, result any) error {
	c.nextID++
	id := c.nextID
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := c.w.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: %v", method, err)
	}
	for {
		m, err := c.read()
		if err != nil {
			return fmt.Errorf("%s: %v", method, err)
		}
		if m.ID != id {
			continue
		}
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	}
}

// read returns the next message, recording it when it is an event.
func (c *conn) read() (message, error) {
	raw, err := c.r.ReadBytes(0)
	if err != nil {
		return message{}, err
	}
	var m message
	if err := json.Unmarshal(bytes.TrimSuffix(raw, []byte{0}), &m); err != nil {
		return message{}, err
	}
	if m.ID == 0 && m.Method != "" {
		c.events = append(c.events, m.event)
	}
	return m, nil
}

// waitEvent reads until the session sends method.
func (c *conn) waitEvent(session, method string) error {
	for _, e := range c.events {
		if e.Method == method && e.SessionID == session {
			return nil
		}
	}
	for {
		m, err := c.read()
		if err != nil {
			return fmt.Errorf("waiting for %s: %v", method, err)
		}
		if m.Method == method && m.SessionID == session {
			return nil
		}
	}
}

func (c *conn) render(url string, opts Options) (*Page, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := c.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := c.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return nil, err
	}
	s := attached.SessionID
	for _, method := range []string{"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"} {
		if err := c.call(s, method, map[string]any{}, nil); err != nil {
			return nil, err
		}
	}
	if err := c.call(s, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": opts.Width, "height": opts.Height, "deviceScaleFactor": 1, "mobile": false,
	}, nil); err != nil {
		return nil, err
	}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := c.call(s, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return nil, err
	}
	if nav.ErrorText != "" {
		return nil, errors.New("navigation failed: " + nav.ErrorText)
	}
	if err := c.waitEvent(s, "Page.loadEventFired"); err != nil {
		return nil, err
	}
	page := &Page{}
	for _, expr := range opts.Eval {
		var res struct {
			Result struct {
				Value json.RawMessage `json:"value"`
			} `json:"result"`
			Exception *struct {
				Text string `json:"text"`
			} `json:"exceptionDetails"`
		}
		if err := c.call(s, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res); err != nil {
			return nil, err
		}
		if res.Exception != nil {
			return nil, fmt.Errorf("evaluating %q: %s", expr, res.Exception.Text)
		}
		page.Values = append(page.Values, res.Result.Value)
	}
	var shot struct {
		Data string `json:"data"`
	}
	if err := c.call(s, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		return nil, err
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		return nil, err
	}
	page.Screenshot = png
	for _, e := range c.events {
		if e.SessionID != s {
			continue
		}
		if msg, ok := pageError(e); ok {
			page.Errors = append(page.Errors, msg)
		}
		if e.Method == "Network.requestWillBeSent" {
			var p struct {
				Request struct {
					URL string `json:"url"`
				} `json:"request"`
			}
			if json.Unmarshal(e.Params, &p) == nil {
				page.Requests = append(page.Requests, p.Request.URL)
			}
		}
	}
	// The tab is done: close it and forget its events, so that a browser
	// rendering many pages holds only the current one's.
	c.events = slices.DeleteFunc(c.events, func(e event) bool { return e.SessionID == s })
	if err := c.call("", "Target.closeTarget", map[string]any{"targetId": target.TargetID}, nil); err != nil {
		return nil, err
	}
	return page, nil
}

// pageError reports a console error, a log entry at error level or an
// uncaught exception.
func pageError(e event) (string, bool) {
	switch e.Method {
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string `json:"type"`
			Args []struct {
				Value any `json:"value"`
			} `json:"args"`
		}
		if json.Unmarshal(e.Params, &p) == nil && (p.Type == "error" || p.Type == "assert") {
			var parts []string
			for _, a := range p.Args {
				parts = append(parts, fmt.Sprint(a.Value))
			}
			return "console." + p.Type + ": " + strings.Join(parts, " "), true
		}
	case "Runtime.exceptionThrown":
		var p struct {
			Details struct {
				Text string `json:"text"`
			} `json:"exceptionDetails"`
		}
		if json.Unmarshal(e.Params, &p) == nil {
			return "exception: " + p.Details.Text, true
		}
	case "Log.entryAdded":
		var p struct {
			Entry struct {
				Level, Source, Text string
			} `json:"entry"`
		}
		if json.Unmarshal(e.Params, &p) == nil && p.Entry.Level == "error" {
			return "log (" + p.Entry.Source + "): " + p.Entry.Text, true
		}
	}
	return "", false
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
