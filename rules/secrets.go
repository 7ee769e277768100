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
// value. inHistory says the ENV was replayed from an image's history and
// the config no longer holds its value (the engine replays only those), so
// the value survives in the history alone.
func secretVar(pol *secret.Policy, kw, name, value string, inHistory bool) string {
	where := secret.InEnv
	if kw == "ARG" {
		where = secret.InBuildArg
	}
	v, ok := pol.Assignment(name, value, where)
	switch {
	case !ok:
		return ""
	case v.Kind != "":
		return fmt.Sprintf("%s %s holds %s; its value is baked into the image", kw, name, withArticle(v.Kind))
	case kw == "ARG":
		return fmt.Sprintf("ARG %s looks like a secret; build arguments are recorded in the image history", name)
	case inHistory:
		return fmt.Sprintf("ENV %s looks like a secret; a later ENV changed it, but its value is still in the image history", name)
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
