package lint

import (
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

func TestParseHistory(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		kind dockerfile.Kind
		text string
		args string
	}{
		{in: `/bin/sh -c #(nop)  CMD ["sh"]`, ok: true, kind: dockerfile.KindCmd, text: `CMD ["sh"]`},
		{in: `/bin/sh -c #(nop) ADD file:3a2b1c in / `},
		{in: `/bin/sh -c #(nop) COPY dir:9f8e7d in /app `},
		{in: `ADD file:3a2b1c in / `},
		{in: `/bin/sh -c apt-get update && apt-get install -y curl`, ok: true, kind: dockerfile.KindRun, text: "RUN apt-get update && apt-get install -y curl"},
		{in: `|1 TOKEN=abc /bin/sh -c make`, ok: true, kind: dockerfile.KindRun, text: "RUN make", args: "TOKEN=abc"},
		{in: `RUN |2 A=x y B=2 /bin/sh -c echo hi # buildkit`, ok: true, kind: dockerfile.KindRun, text: "RUN echo hi", args: "A=x y,B=2"},
		{in: `RUN |1 EMPTY= /bin/sh -c true # buildkit`, ok: true, kind: dockerfile.KindRun, text: "RUN true", args: "EMPTY="},
		{in: "RUN /bin/sh -c set -e\napt-get update # buildkit", ok: true, kind: dockerfile.KindRun, text: "RUN <<'DOCKSTRIDE_HISTORY_EOF'\nset -e\napt-get update\nDOCKSTRIDE_HISTORY_EOF"},
		{in: `RUN /bin/bash -o pipefail -c curl -fsSL https://x | bash # buildkit`, ok: true, kind: dockerfile.KindRun, text: "RUN curl -fsSL https://x | bash"},
		{in: `RUN apt-get install -y x # buildkit`, ok: true, kind: dockerfile.KindRun, text: "RUN apt-get install -y x"},
		{in: `RUN ["apt-get", "update"] # buildkit`, ok: true, kind: dockerfile.KindRun, text: `RUN ["apt-get", "update"]`},
		{in: `cmd /S /C echo hi`, ok: true, kind: dockerfile.KindRun, text: "RUN echo hi"},
		{in: `COPY . /app # buildkit`, ok: true, kind: dockerfile.KindCopy, text: "COPY . /app"},
		{in: `ENV A=b`, ok: true, kind: dockerfile.KindEnv, text: "ENV A=b"},
		{in: `WORKDIR /app`, ok: true, kind: dockerfile.KindWorkdir, text: "WORKDIR /app"},
		{in: `RUN /bin/sh -c echo a \`, ok: true, kind: dockerfile.KindRun, text: "RUN <<'DOCKSTRIDE_HISTORY_EOF'\necho a \\\nDOCKSTRIDE_HISTORY_EOF"},
		{in: `random`},
		{in: ``},
		{in: `FROM alpine`},
		{in: `/bin/sh -c #(nop) `},
	}
	for _, c := range cases {
		st, ok := ParseHistory(c.in)
		var args []string
		for _, a := range st.Args {
			args = append(args, a.Name+"="+a.Value)
		}
		if ok != c.ok || st.Kind != c.kind || st.Text != c.text || strings.Join(args, ",") != c.args {
			t.Errorf("ParseHistory(%q) = %v %v %q %v; want %v %v %q %q", c.in, ok, st.Kind, st.Text, args, c.ok, c.kind, c.text, c.args)
		}
	}
}

// A recorded build argument survives the trip through an ARG line: one
// argument, its name, and its value's words.
func TestArgLine(t *testing.T) {
	for _, v := range []string{"ghp_abc123", "https://u:p@h/x", `x "y" $HOME \z`, "two words"} {
		f, err := dockerfile.Parse("x", []byte("FROM scratch\n"+argLine(BuildArg{"A", v})+"\n"))
		if err != nil || len(f.Errors) > 0 {
			t.Fatalf("%q: %v %v", v, err, f.Errors)
		}
		a := f.Instructions[1].(*dockerfile.Arg)
		if len(a.Cmd.Args) != 1 || a.Cmd.Args[0].Key != "A" || a.Cmd.Args[0].Value == nil {
			t.Fatalf("%q: %+v", v, a.Cmd.Args)
		}
		got := *a.Cmd.Args[0].Value
		for _, w := range strings.Fields(v) {
			if !strings.Contains(got, strings.Trim(w, `"$\`)) {
				t.Errorf("%q read back as %q", v, got)
			}
		}
		if !strings.ContainsAny(v, ` "$\`) && got != v {
			t.Errorf("plain value %q read back as %q", v, got)
		}
	}
}

func TestBaseImageEnd(t *testing.T) {
	h := func(createdBy string, empty bool) v1.History {
		return v1.History{CreatedBy: createdBy, EmptyLayer: empty}
	}
	cases := []struct {
		hist []v1.History
		want int
	}{
		{[]v1.History{h("/bin/sh -c #(nop) ADD file:x in / ", false), h(`/bin/sh -c #(nop)  CMD ["bash"]`, true),
			h("RUN /bin/sh -c make # buildkit", false), h(`CMD ["/app"]`, true)}, 1},
		{[]v1.History{h("ADD file:x in / ", false), h(`ENTRYPOINT ["/x"]`, true), h("COPY . / # buildkit", false)}, 1},
		// The image's own CMD at the end is not the base's.
		{[]v1.History{h("ADD file:x in / ", false), h(`CMD ["bash"]`, true)}, -1},
		{nil, -1},
	}
	for i, c := range cases {
		if got := baseImageEnd(c.hist); got != c.want {
			t.Errorf("case %d: %d, want %d", i, got, c.want)
		}
	}
}
