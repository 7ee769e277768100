// Account databases (/etc/passwd, /etc/shadow, /etc/group) in image layers,
// read by the account rules.

package rules

import (
	"archive/tar"
	"bufio"
	"bytes"
	"strings"
)

// accountDatabase selects the account files whose content the account
// rules read.
func accountDatabase(path string, _ *tar.Header) bool {
	switch path {
	case "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/master.passwd":
		return true
	}
	return false
}

// accountLines calls fn with the colon-separated fields of each entry of
// an account file, skipping comments, blank lines and NIS "+" entries.
func accountLines(content []byte, fn func(fields []string)) {
	sc := bufio.NewScanner(bytes.NewReader(content))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '+' || line[0] == '-' {
			continue
		}
		fn(strings.Split(line, ":"))
	}
}
