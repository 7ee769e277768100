# settings: {"LabelSchema": {"t": "text", "u": "url", "d": "rfc3339", "l": "spdx", "h": "hash", "s": "semver", "e": "email"}}
FROM alpine:3.20
ARG REVISION
LABEL t="text" u="http://example.com" d="2021-03-10T10:26:33.564595127+01:00" l="MIT" h="2dbfae9"
LABEL h="43c572f1272b6b3171dd1db9e41b7027128ce080" s="2.0.1-rc1" e="abcd@google.com" other=""
LABEL l="Apache-2.0 OR (MIT AND BSD-3-Clause)" l="GPL-2.0-only WITH Classpath-exception-2.0" l="LicenseRef-acme"
LABEL h="${REVISION}"
