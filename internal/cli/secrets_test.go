package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/rules"
)

// fixtureSecrets are the credential values written into
// testdata/secrets/*.Dockerfile: in ARG and ENV values, LABELs, RUN
// commands and heredocs, URLs of ADD and HEALTHCHECK, exec-form CMD, and
// lines that do not parse at all (parse errors quote the text they choke
// on). None may appear anywhere dockstride writes.
var fixtureSecrets = []string{
	"ghp_Zq8LmN4vX2pR7sT1uW9yB3cD5eF6gH0iJ2kQ",
	"Tr0ub4dor-and-3-horses",
	"npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78",
	"AKIAQWERTYUIOPASDFGH",
	"wJalrXUtnFEMIK7MDENGbPxRfiCYzzSeCrEtKeY1",
	"B0BBBBBBB/cccccccccccccccccccccccc",
	"sk_live_4eC39HqLyjWDarjtT1zdp7dcQq",
	"glpat-Xy9Zw8Vu7Ts6Rq5Po4Nm",
	"Sup3rS3cretPassw0rd",
	"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0",
	"Gl0balDeployKey99",
	"MyS3cretSqlPw",
	"npm_Zz98Yy76Xx54Ww32Vv10Uu98Tt76Ss54Rr32",
	"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
	"MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
	"AddUrlPassw0rdX",
	"Hc-Passw0rd-777",
	"CmdLineSecretVal42",
	"xoxb-123456789012-abcdefABCDEF",
	"ghp_Pq7Rs6Tu5Vw4Xy3Za2Bc1De0Fg9Hi8Jk7Lm6",
	"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2g",
}

// TestSecretsNeverInOutput lints the secret fixtures with every rule
// (optional ones enabled) in every registered format (report.Names(), so a
// format added later is covered without touching this test), with
// --explain and --show-suppressed, plus --write-baseline, and fails if any
// secret value appears in the bytes written: stdout, stderr or the files.
func TestSecretsNeverInOutput(t *testing.T) {
	chdirRoot(t)
	fixtures, _ := filepath.Glob("internal/cli/testdata/secrets/*.Dockerfile")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures under internal/cli/testdata/secrets")
	}
	var optional []string
	for _, r := range rules.All() {
		if r.Status == rules.Optional {
			optional = append(optional, r.ID)
		}
	}
	for _, src := range fixtures {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, s := range fixtureSecrets {
			if strings.Contains(string(b), s) {
				n++
			}
		}
		if n == 0 {
			t.Fatalf("%s holds none of fixtureSecrets: the test would prove nothing", src)
		}
	}
	dir := t.TempDir()
	for _, format := range report.Names() {
		t.Run(format, func(t *testing.T) {
			file := filepath.Join(dir, format+".out")
			args := []string{"lint", "--fail-level", "none", "--explain", "--show-suppressed",
				"--format", format, "--format", format + "=" + file}
			if len(optional) > 0 {
				args = append(args, "--enable", strings.Join(optional, ","))
			}
			stdout, stderr, code := run(t, "", append(args, fixtures...)...)
			if code != ExitError {
				t.Errorf("exit code %d, want %d (the parse-error fixture is an input error)", code, ExitError)
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("--format %s=FILE wrote nothing: %v", format, err)
			}
			if len(stdout) == 0 {
				t.Errorf("no output on stdout")
			}
			assertNoSecret(t, "stdout", stdout)
			assertNoSecret(t, "stderr", stderr)
			assertNoSecret(t, file, string(written))
		})
	}
	t.Run("baseline", func(t *testing.T) {
		file := filepath.Join(dir, "baseline.json")
		stdout, stderr, _ := run(t, "", append([]string{"lint", "--write-baseline", file}, fixtures...)...)
		written, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("--write-baseline wrote nothing: %v", err)
		}
		assertNoSecret(t, "stdout", stdout)
		assertNoSecret(t, "stderr", stderr)
		assertNoSecret(t, file, string(written))
	})
}

func assertNoSecret(t *testing.T, where, out string) {
	t.Helper()
	for _, s := range fixtureSecrets {
		if i := strings.Index(out, s); i >= 0 {
			start, end := max(0, i-80), min(len(out), i+len(s)+20)
			t.Errorf("%s contains the secret %q: …%s…", where, s, out[start:end])
		}
	}
}
