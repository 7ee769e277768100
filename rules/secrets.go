// How secret findings are judged and worded, shared by the secret rules.

package rules

import (
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// secretVar says why an ARG or ENV variable holds a secret, or "" when it
// does not. The answer names the variable and the kind of secret, never the
// value.
func secretVar(pol *secret.Policy, kw, name, value string) string {
	if m, ok := pol.FindValue(value); ok {
		return fmt.Sprintf("%s %s holds %s; its value is baked into the image", kw, name, withArticle(m.Kind))
	}
	if !pol.IsSecretName(name) || secret.IsPathValue(value) || secret.IsFlagValue(value) || secret.IsFingerprint(value) {
		// A path is where the secret lives (a mounted file), a flag is a
		// setting about it, a fingerprint names a public key: none is the
		// secret.
		return ""
	}
	if kw == "ENV" && secret.IsPlaceholderValue(value) && value == "" {
		return ""
	}
	if kw == "ARG" {
		return fmt.Sprintf("ARG %s looks like a secret; build arguments are recorded in the image history", name)
	}
	return fmt.Sprintf("ENV %s looks like a secret; its value is stored in the image config", name)
}

// hasSecretMount reports whether a RUN mounts a BuildKit secret: such a RUN
// is taken to handle its credential the intended way.
func hasSecretMount(r *dockerfile.Run) bool {
	for _, m := range r.Mounts {
		if m.Type == instructions.MountTypeSecret {
			return true
		}
	}
	return false
}

// withArticle prefixes a secret kind with "a" or "an".
func withArticle(kind string) string {
	if kind != "" && strings.ContainsRune("aeiouAEIOU", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}
