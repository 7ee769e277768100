FROM nginx:1.27
# A probe that signals do not reach, on a base with a shell: hadolint's
# DL3025 still asks for the exec form, which would let the image drop its
# shell. Info.
# want: DKS6001 info "HEALTHCHECK in shell form runs /bin/sh -c for every probe"
HEALTHCHECK --interval=30s CMD curl -f http://127.0.0.1/ || exit 1
CMD ["nginx", "-g", "daemon off;"]
