package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/ruledoc"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
	"github.com/spf13/cobra"
)

type rulesFlags struct {
	stride []string
	cis    []string
	target string
	format string
}

func newRulesCmd() *cobra.Command {
	var fl rulesFlags
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules with their severity and threat mapping",
		Long: `List every rule: ID, name, default severity, STRIDE categories (as initials:
Spoofing, Tampering, Repudiation, Information Disclosure, Denial of Service,
Elevation of Privilege), CIS Docker Benchmark items and the peer tools' IDs
it answers to. Optional rules, off unless configured, are marked with *.

Filters combine: a rule is listed when it matches every filter given, and a
repeated filter matches any of its values.`,
		Example: `  dockstride rules
  dockstride rules --stride "elevation of privilege" --stride I
  dockstride rules --cis 4.1 --format json
  dockstride explain DKS4001`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRules(cmd, fl)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&fl.stride, "stride", nil, "only rules in this STRIDE category: a name, initial, DoS or EoP (repeatable)")
	f.StringArrayVar(&fl.cis, "cis", nil, "only rules citing this CIS Docker Benchmark item or section, e.g. 4.1 or 5 (repeatable)")
	f.StringVar(&fl.target, "target", "", "only rules that check a dockerfile or an image")
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text or json")
	return cmd
}

// ruleJSON is one rule in `dockstride rules --format json`.
type ruleJSON struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Optional bool     `json:"optional,omitempty"`
	Targets  []string `json:"targets"`
	STRIDE   []string `json:"stride"`
	ATTACK   []string `json:"attack"`
	CIS      []string `json:"cis"`
	CWE      []string `json:"cwe"`
	Controls []string `json:"controls"`
	Aliases  []string `json:"aliases"`
	URL      string   `json:"url"`
}

func runRules(cmd *cobra.Command, fl rulesFlags) error {
	var strides []threat.STRIDE
	for _, s := range fl.stride {
		v, ok := threat.ParseSTRIDE(s)
		if !ok {
			return usageErrorf("--stride: unknown category %q (want a STRIDE name, initial, DoS or EoP)", s)
		}
		strides = append(strides, v)
	}
	var input rules.Input
	if fl.target != "" {
		in, ok := rules.ParseInput(fl.target)
		if !ok {
			return usageErrorf("--target: %q is neither dockerfile nor image", fl.target)
		}
		input = in
	}
	if fl.format != "text" && fl.format != "json" {
		return usageErrorf("--format: %q is neither text nor json", fl.format)
	}
	var list []*rules.Rule
	for _, r := range rules.All() {
		if matchesSTRIDE(r, strides) && matchesCIS(r, fl.cis) && (input == 0 || r.ChecksInput(input)) {
			list = append(list, r)
		}
	}
	out := cmd.OutOrStdout()
	if fl.format == "json" {
		rows := make([]ruleJSON, 0, len(list))
		for _, r := range list {
			rows = append(rows, toRuleJSON(r))
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tSTRIDE\tCIS\tALIASES")
	for _, r := range list {
		sev := r.Severity.String()
		if r.Status == rules.Optional {
			sev += "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, sev,
			strings.ReplaceAll(ruledoc.STRIDELetters(r), " ", ""), dash(ruledoc.CISList(r)), dash(strings.Join(r.Aliases, ", ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(out, "%s; `dockstride explain ID` prints one.\n", pluralRules(len(list)))
	return err
}

func matchesSTRIDE(r *rules.Rule, want []threat.STRIDE) bool {
	if len(want) == 0 {
		return true
	}
	for _, s := range want {
		if slices.Contains(r.Threat.STRIDE, s) {
			return true
		}
	}
	return false
}

// matchesCIS accepts an item ("4.1" matches 4.1 only) or a section ("4"
// matches 4.1 and 4.10).
func matchesCIS(r *rules.Rule, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		w = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(w), "CIS Docker"))
		for _, c := range r.Threat.CIS {
			if c.Number == w || strings.HasPrefix(c.Number, w+".") {
				return true
			}
		}
	}
	return false
}

func toRuleJSON(r *rules.Rule) ruleJSON {
	t := report.Threats(r)
	j := ruleJSON{ID: r.ID, Name: r.Name, Title: r.Title, Severity: r.Severity.String(), Optional: r.Status == rules.Optional,
		Targets: inputNames(r.Inputs()), Aliases: r.Aliases, URL: report.RuleURL(r),
		STRIDE: t.STRIDE, ATTACK: t.ATTACK, CIS: t.CIS, CWE: t.CWE, Controls: t.Controls}
	if j.Aliases == nil {
		j.Aliases = []string{}
	}
	return j
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func pluralRules(n int) string {
	if n == 1 {
		return "1 rule"
	}
	return fmt.Sprintf("%d rules", n)
}

func newExplainCmd() *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "explain ID|NAME|ALIAS",
		Short: "Explain a rule: what it flags, the threat, examples and the fix",
		Long: `Print a rule's page: what it flags, why (the threat, with its STRIDE,
ATT&CK, CIS, CWE and control references), flagged and clean examples, the
fix and references. It is written for a terminal; --markdown prints the
same page as Markdown, the text of docs/rules/<ID>.md.

The rule may be named by its ID (DKS4001), its name (runs-as-root) or a peer
tool's ID it answers to (DL3002, DS-0002, CKV_DOCKER_3…). An alias shared by
several rules prints each of them.`,
		Example: `  dockstride explain DKS4001
  dockstride explain runs-as-root
  dockstride explain DL3002 --markdown > DL3002.md`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return ruleKeyCompletion(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			found := rules.Lookup(args[0])
			if len(found) == 0 {
				return usageErrorf("no rule has the ID, name or alias %q; `dockstride rules` lists them", args[0])
			}
			page, sep := ruledoc.Terminal, "\n"+strings.Repeat("─", 80)+"\n\n"
			if markdown {
				page, sep = ruledoc.Markdown, "\n---\n\n"
			}
			var pages []string
			for _, r := range found {
				pages = append(pages, page(r))
			}
			_, err := fmt.Fprint(cmd.OutOrStdout(), strings.Join(pages, sep))
			return err
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print the page as Markdown (the text of docs/rules/<ID>.md)")
	return cmd
}

func inputNames(ins []rules.Input) []string {
	out := make([]string, len(ins))
	for i, in := range ins {
		out[i] = in.String()
	}
	return out
}
