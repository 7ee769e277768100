FROM alpine:3.20
# want: DKS1021 "Usage of undefined variable '\$PAHT' \(did you mean \$PATH\?\)"
ENV PATH=$PAHT:/opt/bin
# want: DKS1021 "Usage of undefined variable '\$foo'"
COPY $foo /app
ARG foo=bar
RUN echo $foo $undefined_in_run_is_left_to_the_shell
FROM scratch AS first
# want: DKS1021 "'\$SRC'"
COPY $SRC /app
FROM mycompany/base:1
# unknown base image: only likely typos are reported
WORKDIR $APP_HOME
ENV APP_DIR=/srv
# want: DKS1021 "did you mean \$APP_DIR"
COPY . $APP_DRI
