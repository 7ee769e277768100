FROM alpine:3.20
# want: DKS1024 "Attempting to Copy file \"Dockerfile\" that is excluded by .dockerignore"
COPY Dockerfile /
# want: DKS1024 "Attempting to Add file \"secrets/token\""
ADD secrets/token /run/token
# want: DKS1024 "config/local.env"
COPY ./config/local.env /etc/app.env
COPY src/ /src/
COPY --from=alpine:3.20 /Dockerfile /x
