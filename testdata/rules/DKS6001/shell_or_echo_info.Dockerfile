FROM alpine:3.20 AS shell
# The command is a shell: the exec form would run the same shell. Info.
# want: DKS6001 info "runs a shell \(sh\)"
CMD /bin/sh
FROM alpine:3.20 AS weechat
# want: DKS6001 info "a shell \(zsh\)"
CMD zsh -c weechat
FROM golang:1.23 AS tee
# A pipeline needs a shell whatever the form.
# want: DKS6001 info "a shell \(sh\)"
CMD sh -c "app 2>&1 | tee /var/log/app.log"
FROM busybox:1.36 AS hello
# A command that exits at once has no signal to miss.
# want: DKS6001 info "only echo"
CMD echo "hello"
FROM node:22-slim
# echo first, then the server under sh: the server misses SIGTERM.
# want: DKS6001 warning "JSON arguments recommended for CMD"
CMD echo starting && node index.js
